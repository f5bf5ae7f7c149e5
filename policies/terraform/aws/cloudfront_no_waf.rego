# METADATA
# title: CloudFront distribution without AWS WAF
# description: >-
#   A web ACL on the distribution filters requests at the edge (managed rule groups for common exploits,
#   bad bots, rate limits) before they reach the origin. Without `web_acl_id` every request is passed on.
#   Purely static public content may not need one, hence a warning.
# related_resources:
#   - ref: https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-6
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution#web_acl_id
# custom:
#   id: TG-AWS-CF-003
#   severity: low
#   enforcement: warn
#   remediation: |
#     Associate a WAFv2 web ACL of scope CLOUDFRONT (created in us-east-1):
#
#         resource "aws_cloudfront_distribution" "site" {
#           # ...
#           web_acl_id = aws_wafv2_web_acl.edge.arn
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices CloudFront.6
#     - NIST SP 800-53 SC-5, SC-7
#   resource_types: [aws_cloudfront_distribution]
package tollgate.terraform.aws.cloudfront_no_waf

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("CloudFront distribution `%s` has no AWS WAF web ACL (`web_acl_id`)", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_cloudfront_distribution")
	no_web_acl(r.body)
}

no_web_acl(body) if unset(body, "web_acl_id")

no_web_acl(body) if body.web_acl_id == ""

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
}
