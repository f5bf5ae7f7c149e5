# METADATA
# title: CloudWatch log group keeps logs forever
# description: >-
#   Without `retention_in_days` (or with 0) a log group never expires its events. Logs accumulate personal
#   data and secrets accidentally logged long past any need, and cost grows without bound. Set a retention
#   that matches your audit requirements (for example 365 days, or longer for audit trails).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_group#retention_in_days
# custom:
#   id: TG-AWS-CW-002
#   severity: low
#   enforcement: warn
#   remediation: |
#     Expire events after the period your retention policy requires:
#
#         resource "aws_cloudwatch_log_group" "app" {
#           name              = "/app/api"
#           retention_in_days = 365
#         }
#   frameworks:
#     - NIST SP 800-53 AU-11, SI-12
#   resource_types: [aws_cloudwatch_log_group]
package tollgate.terraform.aws.cloudwatch_log_group_retention_unset

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("CloudWatch log group `%s` sets `retention_in_days = 0` and keeps its logs forever", [r.address]),
	"path": array.concat(r.path, ["retention_in_days"]),
} if {
	some r in tf.resources_of("aws_cloudwatch_log_group")
	tf.to_num(r.body.retention_in_days) == 0
}

warn contains {
	"msg": sprintf("CloudWatch log group `%s` does not set `retention_in_days` and keeps its logs forever", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_cloudwatch_log_group")
	unset(r.body, "retention_in_days")
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
