# METADATA
# title: CloudTrail log file validation disabled
# description: >-
#   Log file integrity validation makes CloudTrail deliver signed digest files, so you can prove that log files
#   were not modified or deleted after delivery. Without it, an attacker with access to the log bucket can
#   rewrite history undetected.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-4
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#enable_log_file_validation
# custom:
#   id: TG-AWS-CT-002
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Enable log file validation on the trail:
#
#         resource "aws_cloudtrail" "main" {
#           # ...
#           enable_log_file_validation = true
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 3.2
#     - AWS Foundational Security Best Practices CloudTrail.4
#     - NIST SP 800-53 AU-9
#     - PCI DSS 10.5.5
#   resource_types: [aws_cloudtrail]
package tollgate.terraform.aws.cloudtrail_log_validation_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("CloudTrail trail `%s` sets `enable_log_file_validation = false`", [r.address]),
	"path": array.concat(r.path, ["enable_log_file_validation"]),
} if {
	some r in tf.resources_of("aws_cloudtrail")
	tf.is_false(r.body.enable_log_file_validation)
}

warn contains {
	"msg": sprintf("CloudTrail trail `%s` does not set `enable_log_file_validation = true` (default false)", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_cloudtrail")
	unset(r.body, "enable_log_file_validation")
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
