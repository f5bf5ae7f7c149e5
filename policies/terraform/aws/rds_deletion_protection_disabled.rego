# METADATA
# title: RDS deletion protection disabled
# description: >-
#   Deletion protection makes RDS refuse to delete a database instance or cluster until the flag is turned
#   off, which guards against a mistaken `terraform destroy`, a replacement forced by a changed argument, or
#   a console click. It is off unless `deletion_protection = true`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-8
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#deletion_protection
# custom:
#   id: TG-AWS-RDS-005
#   severity: low
#   enforcement: warn
#   remediation: |
#     Turn deletion protection on:
#
#         resource "aws_rds_cluster" "orders" {
#           # ...
#           deletion_protection = true
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices RDS.7, RDS.8
#     - NIST SP 800-53 CP-9, SI-12
#   resource_types: [aws_db_instance, aws_rds_cluster]
package tollgate.terraform.aws.rds_deletion_protection_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

kind := {"aws_db_instance": "RDS instance", "aws_rds_cluster": "RDS cluster"}

warn contains {
	"msg": sprintf("%s `%s` sets `deletion_protection = false`", [kind[r.type], r.address]),
	"path": array.concat(r.path, ["deletion_protection"]),
} if {
	some r in candidates
	tf.is_false(r.body.deletion_protection)
}

warn contains {
	"msg": sprintf("%s `%s` does not enable deletion protection (`deletion_protection = true`)", [kind[r.type], r.address]),
	"path": r.path,
} if {
	some r in candidates
	unset(r.body, "deletion_protection")
}

# Instances of Aurora clusters are protected through their cluster.
candidates := array.concat(
	[r | some r in tf.resources_of("aws_db_instance"); not aurora(r.body)],
	tf.resources_of("aws_rds_cluster"),
)

aurora(body) if {
	is_string(body.engine)
	startswith(body.engine, "aurora")
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
