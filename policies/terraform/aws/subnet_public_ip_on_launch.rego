# METADATA
# title: Subnet assigns public IP addresses automatically
# description: >-
#   With `map_public_ip_on_launch = true`, every instance and network interface launched into the subnet
#   gets a public IPv4 address, so anything placed there by mistake (a database, an internal service) is
#   directly addressable from the internet. Keep workloads in private subnets and give public addresses
#   only to what must have one (load balancers, NAT gateways, Elastic IPs assigned on purpose).
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/subnet#map_public_ip_on_launch
# custom:
#   id: TG-AWS-EC2-010
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Leave automatic public addresses off (the default):
#
#         resource "aws_subnet" "public" {
#           vpc_id                  = aws_vpc.main.id
#           cidr_block              = "10.0.0.0/24"
#           map_public_ip_on_launch = false
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices EC2.15
#     - NIST SP 800-53 AC-4, SC-7
#   resource_types: [aws_subnet, aws_default_subnet]
package tollgate.terraform.aws.subnet_public_ip_on_launch

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("Subnet `%s` assigns a public IP address to every instance launched into it", [r.address]),
	"path": array.concat(r.path, ["map_public_ip_on_launch"]),
} if {
	some type in ["aws_subnet", "aws_default_subnet"]
	some r in tf.resources_of(type)
	tf.is_true(r.body.map_public_ip_on_launch)
}
