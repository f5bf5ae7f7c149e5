# METADATA
# title: DynamoDB table not encrypted with a customer managed KMS key
# description: >-
#   DynamoDB encrypts every table at rest, by default with a key AWS owns and manages out of your sight.
#   With a customer managed KMS key (`server_side_encryption { enabled = true, kms_key_arn = ... }`) access
#   to the data also depends on the key policy, every use of the key is logged in CloudTrail, and disabling
#   the key makes the table unreadable.
# related_resources:
#   - ref: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#server_side_encryption
# custom:
#   id: TG-AWS-DDB-002
#   severity: low
#   enforcement: off
#   remediation: |
#     Encrypt the table with your own key:
#
#         resource "aws_dynamodb_table" "orders" {
#           # ...
#           server_side_encryption {
#             enabled     = true
#             kms_key_arn = aws_kms_key.dynamodb.arn
#           }
#         }
#   frameworks:
#     - NIST SP 800-53 SC-12, SC-28
#   resource_types: [aws_dynamodb_table]
package tollgate.terraform.aws.dynamodb_table_no_cmk

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("DynamoDB table `%s` has no `server_side_encryption` block and is encrypted with an AWS owned key, not a customer managed KMS key", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_dynamodb_table")
	no_block(r.body, "server_side_encryption")
}

warn contains {
	"msg": sprintf("DynamoDB table `%s` sets `server_side_encryption.enabled = false` and is encrypted with an AWS owned key, not a customer managed KMS key", [r.address]),
	"path": array.concat(r.path, ["server_side_encryption", i, "enabled"]),
} if {
	some r in tf.resources_of("aws_dynamodb_table")
	some i, sse in blocks(r.body, "server_side_encryption")
	tf.is_false(sse.enabled)
}

warn contains {
	"msg": sprintf("DynamoDB table `%s` enables server-side encryption without `kms_key_arn` and uses the AWS managed key `aws/dynamodb`, not a customer managed KMS key", [r.address]),
	"path": array.concat(r.path, ["server_side_encryption", i]),
} if {
	some r in tf.resources_of("aws_dynamodb_table")
	some i, sse in blocks(r.body, "server_side_encryption")
	tf.is_true(sse.enabled)
	no_key(sse)
}

no_key(sse) if unset(sse, "kms_key_arn")

no_key(sse) if sse.kms_key_arn == ""

no_block(body, field) if {
	not is_object(input.planned_values)
	not field in object.keys(body)
	not body.dynamic[field]
}

no_block(body, field) if body[field] == []

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
