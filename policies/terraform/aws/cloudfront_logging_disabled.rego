# METADATA
# title: CloudFront distribution access logging disabled
# description: >-
#   CloudFront standard logs record every viewer request (client address, path, status, edge location).
#   Without them there is no record of who fetched what when investigating abuse or a data exposure. A
#   distribution logs when it has a `logging_config` block (legacy standard logging) or a CloudWatch
#   Logs delivery source (standard logging v2).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-5
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution#logging_config
# custom:
#   id: TG-AWS-CF-004
#   severity: low
#   enforcement: warn
#   remediation: |
#     Deliver standard logs to an S3 bucket (or set up standard logging v2 with an
#     `aws_cloudwatch_log_delivery_source` of log type ACCESS_LOGS):
#
#         resource "aws_cloudfront_distribution" "site" {
#           # ...
#           logging_config {
#             bucket = aws_s3_bucket.cdn_logs.bucket_domain_name
#             prefix = "site/"
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices CloudFront.5
#     - NIST SP 800-53 AU-2, AU-12
#   resource_types: [aws_cloudfront_distribution]
package tollgate.terraform.aws.cloudfront_logging_disabled

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import rego.v1

warn contains {
	"msg": sprintf("CloudFront distribution `%s` has no access logging (`logging_config` or a CloudWatch log delivery source)", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_cloudfront_distribution")
	no_block(r.body, "logging_config")
	not delivered(r)
}

# Standard logging v2: a delivery source for the distribution — its `resource_arn` refers to it, repeats
# its ARN (plan input, when the distribution exists), or names no distribution of the module (a
# variable, a module output) and may be this one.
delivered(r) if tfm.linked("aws_cloudwatch_log_delivery_source", "resource_arn", r, "arn")

no_block(body, field) if {
	not is_object(input.planned_values)
	not field in object.keys(body)
	not body.dynamic[field]
}

no_block(body, field) if body[field] == []
