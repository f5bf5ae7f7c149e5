# METADATA
# title: CloudTrail logs not encrypted with a KMS key
# description: >-
#   Without `kms_key_id`, CloudTrail log files are protected only by the S3 default encryption of the bucket:
#   anyone with read access to the bucket can read the account's full API history. SSE-KMS with a customer
#   managed key adds a second, separately audited permission (kms:Decrypt) to read the logs.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-2
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#kms_key_id
# custom:
#   id: TG-AWS-CT-003
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Encrypt the trail's logs with a customer managed KMS key (its key policy must allow CloudTrail to use it):
#
#         resource "aws_cloudtrail" "main" {
#           # ...
#           kms_key_id = aws_kms_key.cloudtrail.arn
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 3.5
#     - AWS Foundational Security Best Practices CloudTrail.2
#     - NIST SP 800-53 AU-9, SC-28
#   resource_types: [aws_cloudtrail]
package tollgate.terraform.aws.cloudtrail_not_kms_encrypted

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("CloudTrail trail `%s` does not encrypt its logs with a KMS key (`kms_key_id`)", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_cloudtrail")
	unset(r.body, "kms_key_id")
}

warn contains {
	"msg": sprintf("CloudTrail trail `%s` sets an empty `kms_key_id`", [r.address]),
	"path": array.concat(r.path, ["kms_key_id"]),
} if {
	some r in tf.resources_of("aws_cloudtrail")
	r.body.kms_key_id == ""
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
