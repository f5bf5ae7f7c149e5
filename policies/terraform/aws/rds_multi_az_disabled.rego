# METADATA
# title: RDS instance not Multi-AZ
# description: >-
#   A single-AZ database instance is unavailable during an Availability Zone outage, a host failure and
#   many maintenance operations, and is restored from backups with data loss up to the last backup. With
#   `multi_az = true` RDS keeps a synchronous standby in another zone and fails over automatically. Fine
#   for development databases; production data should be Multi-AZ.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-5
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#multi_az
# custom:
#   id: TG-AWS-RDS-007
#   severity: low
#   enforcement: warn
#   remediation: |
#     Run a standby in a second Availability Zone:
#
#         resource "aws_db_instance" "app" {
#           # ...
#           multi_az = true
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices RDS.5
#     - NIST SP 800-53 CP-10, SC-5
#   resource_types: [aws_db_instance]
package tollgate.terraform.aws.rds_multi_az_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("RDS instance `%s` sets `multi_az = false` and runs in a single Availability Zone", [r.address]),
	"path": array.concat(r.path, ["multi_az"]),
} if {
	some r in candidates
	tf.is_false(r.body.multi_az)
}

warn contains {
	"msg": sprintf("RDS instance `%s` does not set `multi_az = true` and runs in a single Availability Zone", [r.address]),
	"path": r.path,
} if {
	some r in candidates
	unset(r.body, "multi_az")
}

# Aurora instances get their availability from the cluster; read replicas and SQL Server Express
# (which has no Multi-AZ) are left out.
candidates := [r |
	some r in tf.resources_of("aws_db_instance")
	not aurora(r.body)
	unset(r.body, "replicate_source_db")
	not r.body.engine == "sqlserver-ex"
]

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
