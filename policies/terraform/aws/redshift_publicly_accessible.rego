# METADATA
# title: Redshift cluster publicly accessible
# description: >-
#   `publicly_accessible = true` gives the cluster a public IP address and DNS name; in a subnet with a
#   route to an internet gateway it is reachable from the internet, protected only by its security group
#   and credentials. Keep warehouses private and reach them through the VPC, a VPN or Redshift's Data API.
# related_resources:
#   - ref: https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-1
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_cluster#publicly_accessible
# custom:
#   id: TG-AWS-RS-002
#   severity: critical
#   enforcement: block
#   remediation: |
#     Keep the cluster private:
#
#         resource "aws_redshift_cluster" "warehouse" {
#           # ...
#           publicly_accessible       = false
#           cluster_subnet_group_name = aws_redshift_subnet_group.private.name
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices Redshift.1
#     - NIST SP 800-53 AC-4, SC-7
#   resource_types: [aws_redshift_cluster]
package tollgate.terraform.aws.redshift_publicly_accessible

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("Redshift cluster `%s` is publicly accessible", [r.address]),
	"path": array.concat(r.path, ["publicly_accessible"]),
} if {
	some r in tf.resources_of("aws_redshift_cluster")
	tf.is_true(r.body.publicly_accessible)
}
