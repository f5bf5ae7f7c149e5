# METADATA
# title: DAX cluster not encrypted at rest
# description: >-
#   A DynamoDB Accelerator cluster caches table items on its nodes. Unless `server_side_encryption` is
#   enabled, that cached data, and the node's logs and configuration, are stored unencrypted; encryption
#   can only be chosen when the cluster is created.
# related_resources:
#   - ref: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-3
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dax_cluster#server_side_encryption
# custom:
#   id: TG-AWS-DDB-003
#   severity: medium
#   enforcement: block
#   remediation: |
#     Create the cluster with encryption at rest (this replaces an existing cluster):
#
#         resource "aws_dax_cluster" "cache" {
#           # ...
#           server_side_encryption {
#             enabled = true
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices DynamoDB.3
#     - NIST SP 800-53 SC-28
#   resource_types: [aws_dax_cluster]
package tollgate.terraform.aws.dax_cluster_unencrypted

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("DAX cluster `%s` has no `server_side_encryption` block and stores cached data unencrypted", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_dax_cluster")
	no_block(r.body, "server_side_encryption")
}

deny contains {
	"msg": sprintf("DAX cluster `%s` does not enable `server_side_encryption` and stores cached data unencrypted", [r.address]),
	"path": array.concat(r.path, ["server_side_encryption", i]),
} if {
	some r in tf.resources_of("aws_dax_cluster")
	some i, sse in blocks(r.body, "server_side_encryption")
	not_enabled(sse)
}

not_enabled(sse) if tf.is_false(sse.enabled)

not_enabled(sse) if unset(sse, "enabled")

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
