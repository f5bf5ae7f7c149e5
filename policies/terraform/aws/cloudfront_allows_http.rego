# METADATA
# title: CloudFront distribution serves plain HTTP
# description: >-
#   A cache behavior with `viewer_protocol_policy = "allow-all"` serves content over unencrypted HTTP as
#   well as HTTPS, so viewers (and their cookies and tokens) can be observed or tampered with on the way.
#   Redirect HTTP to HTTPS or serve HTTPS only.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-3
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution#viewer_protocol_policy
# custom:
#   id: TG-AWS-CF-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Redirect viewers to HTTPS in every cache behavior:
#
#         default_cache_behavior {
#           # ...
#           viewer_protocol_policy = "redirect-to-https"
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices CloudFront.3
#     - NIST SP 800-53 SC-8, SC-23
#     - PCI DSS 4.1
#   resource_types: [aws_cloudfront_distribution]
package tollgate.terraform.aws.cloudfront_allows_http

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("CloudFront distribution `%s` serves plain HTTP in its %s (`viewer_protocol_policy = \"allow-all\"`)", [r.address, behavior_name(field, b)]),
	"path": array.concat(r.path, [field, i, "viewer_protocol_policy"]),
} if {
	some r in tf.resources_of("aws_cloudfront_distribution")
	some field in ["default_cache_behavior", "ordered_cache_behavior"]
	some i, b in blocks(r.body, field)
	b.viewer_protocol_policy == "allow-all"
}

behavior_name(field, _) := "default cache behavior" if field == "default_cache_behavior"

behavior_name(field, b) := sprintf("cache behavior for `%s`", [b.path_pattern]) if {
	field == "ordered_cache_behavior"
	is_string(b.path_pattern)
}

behavior_name(field, b) := "ordered cache behavior" if {
	field == "ordered_cache_behavior"
	not is_string(b.path_pattern)
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
