# METADATA
# title: DynamoDB point-in-time recovery disabled
# description: >-
#   Point-in-time recovery keeps continuous backups of a DynamoDB table for up to 35 days, so a table damaged by
#   a bad deploy, a runaway script or an accidental delete can be restored to any second. Without it, only
#   manual on-demand backups exist, if any.
# related_resources:
#   - ref: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#point_in_time_recovery
# custom:
#   id: TG-AWS-DDB-001
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Enable point-in-time recovery on the table:
#
#         resource "aws_dynamodb_table" "orders" {
#           # ...
#           point_in_time_recovery {
#             enabled = true
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices DynamoDB.2
#     - NIST SP 800-53 CP-9, CP-10
#   resource_types: [aws_dynamodb_table]
package tollgate.terraform.aws.dynamodb_pitr_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("DynamoDB table `%s` disables point-in-time recovery", [r.address]),
	"path": array.concat(r.path, ["point_in_time_recovery", i, "enabled"]),
} if {
	some r in tf.resources_of("aws_dynamodb_table")
	some i, p in blocks(r.body, "point_in_time_recovery")
	tf.is_false(p.enabled)
}

warn contains {
	"msg": sprintf("DynamoDB table `%s` does not enable point-in-time recovery", [r.address]),
	"path": missing_path(r),
} if {
	some r in tf.resources_of("aws_dynamodb_table")
	not declared(r.body)
}

# point_in_time_recovery with `enabled` given (true, false or unresolved), or built by a dynamic block.
declared(body) if {
	some p in blocks(body, "point_in_time_recovery")
	p.enabled != null
}

declared(body) if body.dynamic.point_in_time_recovery

# A plan omits the block while it is unknown.
declared(body) if {
	is_object(input.planned_values)
	not "point_in_time_recovery" in object.keys(body)
}

missing_path(r) := array.concat(r.path, ["point_in_time_recovery", min(object.keys(pitr))]) if {
	pitr := blocks(r.body, "point_in_time_recovery")
	count(pitr) > 0
} else := r.path

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
