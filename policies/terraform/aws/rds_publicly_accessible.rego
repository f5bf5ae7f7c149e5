# METADATA
# title: RDS instance publicly accessible
# description: >-
#   `publicly_accessible = true` gives the database instance a public DNS name and IP address; in a subnet with a
#   route to an internet gateway it is then reachable from the internet, protected only by its security group and
#   password. Databases belong in private subnets, reached from the application tier or through a bastion/VPN.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#publicly_accessible
# custom:
#   id: TG-AWS-RDS-001
#   severity: critical
#   enforcement: block
#   remediation: |
#     Keep the instance private (the default) and place it in private subnets:
#
#         resource "aws_db_instance" "app" {
#           # ...
#           publicly_accessible  = false
#           db_subnet_group_name = aws_db_subnet_group.private.name
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 2.3.3
#     - AWS Foundational Security Best Practices RDS.2
#     - NIST SP 800-53 AC-4, SC-7
#     - PCI DSS 1.3
#   resource_types: [aws_db_instance, aws_rds_cluster_instance]
package tollgate.terraform.aws.rds_publicly_accessible

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("RDS instance `%s` is publicly accessible", [r.address]),
	"path": array.concat(r.path, ["publicly_accessible"]),
} if {
	some type in ["aws_db_instance", "aws_rds_cluster_instance"]
	some r in tf.resources_of(type)
	tf.is_true(r.body.publicly_accessible)
}
