# METADATA
# title: SNS topic without KMS encryption
# description: >-
#   Without `kms_master_key_id`, messages published to the topic are stored unencrypted at rest while SNS
#   delivers them. Encrypting with a KMS key protects message contents and puts decryption under key policies
#   and CloudTrail.
# related_resources:
#   - ref: https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html#sns-1
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic#kms_master_key_id
# custom:
#   id: TG-AWS-SNS-001
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Encrypt the topic with a KMS key (the AWS managed `alias/aws/sns`, or a customer managed key whose policy
#     lets publishing services use it):
#
#         resource "aws_sns_topic" "alerts" {
#           name              = "alerts"
#           kms_master_key_id = aws_kms_key.sns.arn
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices SNS.1
#     - NIST SP 800-53 SC-28
#   resource_types: [aws_sns_topic]
package tollgate.terraform.aws.sns_topic_unencrypted

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("SNS topic `%s` is not encrypted with a KMS key (`kms_master_key_id`)", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_sns_topic")
	unset(r.body, "kms_master_key_id")
}

warn contains {
	"msg": sprintf("SNS topic `%s` sets an empty `kms_master_key_id`", [r.address]),
	"path": array.concat(r.path, ["kms_master_key_id"]),
} if {
	some r in tf.resources_of("aws_sns_topic")
	r.body.kms_master_key_id == ""
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
