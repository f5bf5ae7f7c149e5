# METADATA
# title: RDS automatic minor version upgrades disabled
# description: >-
#   Minor engine versions carry security fixes. With `auto_minor_version_upgrade = false` the database
#   keeps running a vulnerable minor version until someone upgrades it by hand; with the default (`true`)
#   RDS applies new minor versions in the maintenance window.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-13
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#auto_minor_version_upgrade
# custom:
#   id: TG-AWS-RDS-006
#   severity: low
#   enforcement: warn
#   remediation: |
#     Leave automatic minor upgrades on (the default) and pick a maintenance window:
#
#         resource "aws_db_instance" "app" {
#           # ...
#           auto_minor_version_upgrade = true
#           maintenance_window         = "sun:03:00-sun:04:00"
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 2.3.2
#     - AWS Foundational Security Best Practices RDS.13, RDS.35
#     - NIST SP 800-53 SI-2
#   resource_types: [aws_db_instance, aws_rds_cluster_instance, aws_rds_cluster]
package tollgate.terraform.aws.rds_auto_minor_version_upgrade_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

kind := {"aws_db_instance": "RDS instance", "aws_rds_cluster_instance": "RDS cluster instance", "aws_rds_cluster": "RDS cluster"}

# Only an explicit false: the argument defaults to true.
warn contains {
	"msg": sprintf("%s `%s` sets `auto_minor_version_upgrade = false` and will not receive minor engine security fixes automatically", [kind[r.type], r.address]),
	"path": array.concat(r.path, ["auto_minor_version_upgrade"]),
} if {
	some type in ["aws_db_instance", "aws_rds_cluster_instance", "aws_rds_cluster"]
	some r in tf.resources_of(type)
	tf.is_false(r.body.auto_minor_version_upgrade)
}
