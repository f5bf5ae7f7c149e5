# METADATA
# title: RDS IAM database authentication disabled
# description: >-
#   With IAM database authentication, applications connect with short-lived tokens tied to their IAM role
#   instead of a long-lived database password that has to be stored, shared and rotated. MySQL, MariaDB,
#   PostgreSQL and Aurora support it; it is off unless `iam_database_authentication_enabled = true`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-10
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#iam_database_authentication_enabled
# custom:
#   id: TG-AWS-RDS-004
#   severity: low
#   enforcement: warn
#   remediation: |
#     Enable IAM authentication and grant `rds-db:connect` to the application's role:
#
#         resource "aws_db_instance" "app" {
#           engine                              = "postgres"
#           # ...
#           iam_database_authentication_enabled = true
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices RDS.10, RDS.12
#     - NIST SP 800-53 AC-2, IA-2
#   resource_types: [aws_db_instance, aws_rds_cluster]
package tollgate.terraform.aws.rds_iam_auth_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

kind := {"aws_db_instance": "RDS instance", "aws_rds_cluster": "RDS cluster"}

warn contains {
	"msg": sprintf("%s `%s` sets `iam_database_authentication_enabled = false`", [kind[r.type], r.address]),
	"path": array.concat(r.path, ["iam_database_authentication_enabled"]),
} if {
	some r in candidates
	tf.is_false(r.body.iam_database_authentication_enabled)
}

warn contains {
	"msg": sprintf("%s `%s` does not enable IAM database authentication (`iam_database_authentication_enabled = true`)", [kind[r.type], r.address]),
	"path": r.path,
} if {
	some r in candidates
	unset(r.body, "iam_database_authentication_enabled")
}

# Instances and clusters of engines that support IAM authentication; read replicas are left out.
candidates := array.concat(
	[r |
		some r in tf.resources_of("aws_db_instance")
		r.body.engine in {"mysql", "mariadb", "postgres"}
		unset(r.body, "replicate_source_db")
	],
	[r |
		some r in tf.resources_of("aws_rds_cluster")
		r.body.engine in {"aurora-mysql", "aurora-postgresql"}
		not r.body.engine_mode == "serverless"
	],
)

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
}
