# METADATA
# title: CloudFront distribution accepts TLS versions older than 1.2
# description: >-
#   With a custom certificate, `minimum_protocol_version` chooses the oldest protocol CloudFront negotiates
#   with viewers. `SSLv3`, `TLSv1`, `TLSv1_2016` and `TLSv1.1_2016` (and the `TLSv1` default when it is not
#   set) accept SSL 3.0 or TLS 1.0/1.1, deprecated protocols with known weaknesses (RFC 8996). Use
#   `TLSv1.2_2021` or newer.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-15
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution#minimum_protocol_version
# custom:
#   id: TG-AWS-CF-002
#   severity: medium
#   enforcement: block
#   remediation: |
#     Require TLS 1.2 with the current security policy:
#
#         viewer_certificate {
#           acm_certificate_arn      = aws_acm_certificate.site.arn
#           ssl_support_method       = "sni-only"
#           minimum_protocol_version = "TLSv1.2_2021"
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices CloudFront.15
#     - NIST SP 800-52 Rev. 2
#     - PCI DSS 4.1
#   resource_types: [aws_cloudfront_distribution]
package tollgate.terraform.aws.cloudfront_outdated_tls

import data.tollgate.lib.terraform as tf
import rego.v1

outdated := {"SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016"}

deny contains {
	"msg": sprintf("CloudFront distribution `%s` sets `minimum_protocol_version = \"%s\"` and accepts protocols older than TLS 1.2", [r.address, v.minimum_protocol_version]),
	"path": array.concat(r.path, ["viewer_certificate", i, "minimum_protocol_version"]),
} if {
	some r in tf.resources_of("aws_cloudfront_distribution")
	some i, v in blocks(r.body, "viewer_certificate")
	custom_certificate(v)
	v.minimum_protocol_version in outdated
}

deny contains {
	"msg": sprintf("CloudFront distribution `%s` does not set `minimum_protocol_version` for its certificate (default `TLSv1`) and accepts protocols older than TLS 1.2", [r.address]),
	"path": array.concat(r.path, ["viewer_certificate", i]),
} if {
	some r in tf.resources_of("aws_cloudfront_distribution")
	some i, v in blocks(r.body, "viewer_certificate")
	custom_certificate(v)
	unset(v, "minimum_protocol_version")
}

# The default *.cloudfront.net certificate always negotiates TLSv1; the version is only chosen with a
# certificate of one's own.
custom_certificate(v) if {
	not tf.is_true(v.cloudfront_default_certificate)
	some attr in ["acm_certificate_arn", "iam_certificate_id"]
	not v[attr] in {null, ""}
	v[attr]
}

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
