# METADATA
# title: SQS queue without server-side encryption
# description: >-
#   Messages in an unencrypted queue sit in plaintext at rest. Declare SSE explicitly, either with SQS managed keys
#   (`sqs_managed_sse_enabled = true`) or with a KMS key (`kms_master_key_id`) when you need key policies and an
#   audit trail of who decrypted what.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-1
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sqs_queue#server-side-encryption-sse
# custom:
#   id: TG-AWS-SQS-001
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Encrypt the queue with SQS managed keys or a KMS key:
#
#         resource "aws_sqs_queue" "jobs" {
#           name                    = "jobs"
#           sqs_managed_sse_enabled = true
#           # or: kms_master_key_id = aws_kms_key.sqs.arn
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices SQS.1
#     - NIST SP 800-53 SC-28
#   resource_types: [aws_sqs_queue]
package tollgate.terraform.aws.sqs_queue_unencrypted

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("SQS queue `%s` sets `sqs_managed_sse_enabled = false` and no `kms_master_key_id`", [r.address]),
	"path": array.concat(r.path, ["sqs_managed_sse_enabled"]),
} if {
	some r in tf.resources_of("aws_sqs_queue")
	no_kms_key(r.body)
	tf.is_false(r.body.sqs_managed_sse_enabled)
}

warn contains {
	"msg": sprintf("SQS queue `%s` enables no server-side encryption (`sqs_managed_sse_enabled` or `kms_master_key_id`)", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_sqs_queue")
	no_kms_key(r.body)
	unset(r.body, "sqs_managed_sse_enabled")
}

no_kms_key(body) if unset(body, "kms_master_key_id")

no_kms_key(body) if body.kms_master_key_id == ""

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
}
