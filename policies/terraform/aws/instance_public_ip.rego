# METADATA
# title: EC2 instance or launch template assigns a public IP address
# description: >-
#   An instance with a public IPv4 address is directly reachable from the internet, guarded only by its
#   security groups; a launch template or launch configuration that asks for one gives it to every instance
#   of the Auto Scaling groups using it. Keep instances private and reach them through load balancers,
#   NAT gateways and Session Manager.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-25
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/launch_template#associate_public_ip_address
# custom:
#   id: TG-AWS-EC2-011
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Do not request a public address; place the instances in private subnets:
#
#         resource "aws_launch_template" "app" {
#           network_interfaces {
#             associate_public_ip_address = false
#             security_groups             = [aws_security_group.app.id]
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices EC2.9, EC2.25, AutoScaling.5
#     - NIST SP 800-53 AC-4, SC-7
#   resource_types: [aws_instance, aws_launch_template, aws_launch_configuration]
package tollgate.terraform.aws.instance_public_ip

import data.tollgate.lib.terraform as tf
import rego.v1

kind := {"aws_instance": "EC2 instance", "aws_launch_configuration": "Launch configuration"}

warn contains {
	"msg": sprintf("%s `%s` is assigned a public IP address (`associate_public_ip_address = true`)", [kind[r.type], r.address]),
	"path": array.concat(r.path, ["associate_public_ip_address"]),
} if {
	some type in ["aws_instance", "aws_launch_configuration"]
	some r in tf.resources_of(type)
	tf.is_true(r.body.associate_public_ip_address)
}

warn contains {
	"msg": sprintf("Launch template `%s` assigns a public IP address to its network interface (`associate_public_ip_address = true`)", [r.address]),
	"path": array.concat(r.path, ["network_interfaces", i, "associate_public_ip_address"]),
} if {
	some r in tf.resources_of("aws_launch_template")
	some i, ni in blocks(r.body, "network_interfaces")
	tf.is_true(ni.associate_public_ip_address)
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
