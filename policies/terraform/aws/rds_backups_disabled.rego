# METADATA
# title: RDS automated backups disabled
# description: >-
#   `backup_retention_period = 0` turns off automated backups and point-in-time recovery for the instance: data
#   lost to a bad migration, an accidental delete or corruption cannot be restored. Read replicas, which are
#   rebuilt from their source, are not flagged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#backup_retention_period
# custom:
#   id: TG-AWS-RDS-003
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Keep automated backups for at least a week:
#
#         resource "aws_db_instance" "app" {
#           # ...
#           backup_retention_period = 7
#           backup_window           = "03:00-04:00"
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices RDS.11
#     - NIST SP 800-53 CP-9
#   resource_types: [aws_db_instance]
package tollgate.terraform.aws.rds_backups_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("RDS instance `%s` disables automated backups (`backup_retention_period = 0`)", [r.address]),
	"path": array.concat(r.path, ["backup_retention_period"]),
} if {
	some r in tf.resources_of("aws_db_instance")
	tf.to_num(r.body.backup_retention_period) == 0
	not replica(r.body)
}

replica(body) if {
	v := body.replicate_source_db
	v != null
	v != ""
}
