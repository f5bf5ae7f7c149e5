# METADATA
# title: CloudFront sends traffic to a custom origin unencrypted
# description: >-
#   `origin_protocol_policy = "http-only"` makes CloudFront fetch content from the origin over plain HTTP,
#   so requests (with viewers' cookies and headers) and responses cross the internet unencrypted even when
#   viewers use HTTPS; `SSLv3` in `origin_ssl_protocols` allows a broken protocol to the origin. S3 website
#   endpoints, which only speak HTTP, are skipped.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-9
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution#custom-origin-config-arguments
# custom:
#   id: TG-AWS-CF-005
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Connect to the origin over TLS 1.2:
#
#         origin {
#           domain_name = "api.example.com"
#           origin_id   = "api"
#           custom_origin_config {
#             http_port              = 80
#             https_port             = 443
#             origin_protocol_policy = "https-only"
#             origin_ssl_protocols   = ["TLSv1.2"]
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices CloudFront.9, CloudFront.10
#     - NIST SP 800-53 SC-8, SC-23
#   resource_types: [aws_cloudfront_distribution]
package tollgate.terraform.aws.cloudfront_origin_unencrypted

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("CloudFront distribution `%s` connects to origin `%s` over plain HTTP (`origin_protocol_policy = \"http-only\"`)", [r.address, origin_name(o)]),
	"path": array.concat(r.path, ["origin", i, "custom_origin_config", j, "origin_protocol_policy"]),
} if {
	some r in tf.resources_of("aws_cloudfront_distribution")
	some i, o in blocks(r.body, "origin")
	not website_endpoint(o)
	some j, c in blocks(o, "custom_origin_config")
	c.origin_protocol_policy == "http-only"
}

warn contains {
	"msg": sprintf("CloudFront distribution `%s` allows SSLv3 to origin `%s` (`origin_ssl_protocols`)", [r.address, origin_name(o)]),
	"path": array.concat(r.path, ["origin", i, "custom_origin_config", j, "origin_ssl_protocols"]),
} if {
	some r in tf.resources_of("aws_cloudfront_distribution")
	some i, o in blocks(r.body, "origin")
	some j, c in blocks(o, "custom_origin_config")
	not c.origin_protocol_policy == "http-only"
	is_array(c.origin_ssl_protocols)
	"SSLv3" in c.origin_ssl_protocols
}

# S3 static website endpoints (`bucket.s3-website-region.amazonaws.com`, `bucket.s3-website.region...`)
# support HTTP only.
website_endpoint(o) if {
	is_string(o.domain_name)
	contains(o.domain_name, ".s3-website")
}

origin_name(o) := o.origin_id if is_string(o.origin_id)

origin_name(o) := "(unnamed)" if not is_string(o.origin_id)

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
