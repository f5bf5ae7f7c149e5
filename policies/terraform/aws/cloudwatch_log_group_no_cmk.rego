# METADATA
# title: CloudWatch log group not encrypted with a customer managed KMS key
# description: >-
#   CloudWatch Logs encrypts log data at rest with a key it owns. A customer managed KMS key (`kms_key_id`)
#   adds a control you own: who may decrypt the logs is then also governed by the key policy, key use is
#   recorded in CloudTrail, and disabling the key cuts off access. Logs often contain tokens, personal
#   data and internal addresses.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_group#kms_key_id
# custom:
#   id: TG-AWS-CW-001
#   severity: low
#   enforcement: off
#   remediation: |
#     Encrypt the log group with a KMS key whose policy allows the `logs.<region>.amazonaws.com`
#     service principal to use it:
#
#         resource "aws_cloudwatch_log_group" "app" {
#           name              = "/app/api"
#           retention_in_days = 365
#           kms_key_id        = aws_kms_key.logs.arn
#         }
#   frameworks:
#     - NIST SP 800-53 SC-12, SC-28
#   resource_types: [aws_cloudwatch_log_group]
package tollgate.terraform.aws.cloudwatch_log_group_no_cmk

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("CloudWatch log group `%s` is not encrypted with a customer managed KMS key (`kms_key_id`)", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_cloudwatch_log_group")
	no_key(r.body)
}

no_key(body) if unset(body, "kms_key_id")

no_key(body) if body.kms_key_id == ""

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
}
