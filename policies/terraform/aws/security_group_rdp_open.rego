# METADATA
# title: RDP open to the internet
# description: >-
#   An ingress rule that admits port 3389 from `0.0.0.0/0` or `::/0` exposes Windows Remote Desktop to the
#   whole internet; RDP is one of the most brute-forced services and a recurring ransomware entry point.
#   Restrict the source to known ranges or reach the hosts through SSM Session Manager or a VPN.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-14
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-rules-reference.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group
# custom:
#   id: TG-AWS-EC2-002
#   severity: critical
#   enforcement: block
#   remediation: |
#     Allow RDP only from a trusted range (or drop the rule and use SSM Session Manager port forwarding):
#
#         ingress {
#           description = "RDP from the corporate VPN"
#           from_port   = 3389
#           to_port     = 3389
#           protocol    = "tcp"
#           cidr_blocks = ["10.20.0.0/16"]
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 5.2, 5.3
#     - AWS Foundational Security Best Practices EC2.19
#     - NIST SP 800-53 AC-4, SC-7
#     - PCI DSS 1.3
#   resource_types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule]
package tollgate.terraform.aws.security_group_rdp_open

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("%s allows RDP (port 3389) from `%s`", [e.what, e.cidr]),
	"path": e.path,
} if {
	some e in open_ingress
	opens(e, 3389, {"tcp", "udp"})
}

world_cidrs := {"0.0.0.0/0", "::/0"}

# Ingress from the whole internet, one entry per attribute holding a world CIDR:
# {"what", "protocol", "from", "to", "cidr", "path"}.
open_ingress contains {"what": sprintf("Security group `%s`", [r.address]), "protocol": object.get(ing, "protocol", null), "from": object.get(ing, "from_port", null), "to": object.get(ing, "to_port", null), "cidr": cidr, "path": array.concat(r.path, ["ingress", i, attr])} if {
	some type in ["aws_security_group", "aws_default_security_group"]
	some r in tf.resources_of(type)
	some i, ing in blocks(r.body, "ingress")
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	cidr := world_cidr(ing[attr])
}

open_ingress contains {"what": sprintf("Security group `%s`", [r.address]), "protocol": object.get(ing, "protocol", null), "from": object.get(ing, "from_port", null), "to": object.get(ing, "to_port", null), "cidr": cidr, "path": array.concat(r.path, ["dynamic", "ingress", i, "content", j, attr])} if {
	some type in ["aws_security_group", "aws_default_security_group"]
	some r in tf.resources_of(type)
	is_object(r.body.dynamic)
	some i, dyn in blocks(r.body.dynamic, "ingress")
	not generates_nothing(dyn)
	some j, ing in blocks(dyn, "content")
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	cidr := world_cidr(ing[attr])
}

open_ingress contains {"what": sprintf("Security group rule `%s`", [r.address]), "protocol": object.get(r.body, "protocol", null), "from": object.get(r.body, "from_port", null), "to": object.get(r.body, "to_port", null), "cidr": cidr, "path": array.concat(r.path, [attr])} if {
	some r in tf.resources_of("aws_security_group_rule")
	r.body.type == "ingress"
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	cidr := world_cidr(r.body[attr])
}

open_ingress contains {"what": sprintf("Security group ingress rule `%s`", [r.address]), "protocol": object.get(r.body, "ip_protocol", null), "from": object.get(r.body, "from_port", null), "to": object.get(r.body, "to_port", null), "cidr": r.body[attr], "path": array.concat(r.path, [attr])} if {
	some r in tf.resources_of("aws_vpc_security_group_ingress_rule")
	some attr in ["cidr_ipv4", "cidr_ipv6"]
	r.body[attr] in world_cidrs
}

# A dynamic block whose `for_each` is known to be empty (`var.enabled ? [1] : []` with the default
# false) generates nothing.
generates_nothing(d) if d.for_each == []

generates_nothing(d) if d.for_each == {}

# The first world CIDR of a list of CIDR blocks.
world_cidr(cidrs) := matches[0] if {
	is_array(cidrs)
	matches := [cidr | some cidr in cidrs; cidr in world_cidrs]
	count(matches) > 0
}

# Protocol "-1" / "all" opens every protocol and port.
all_traffic(e) if e.protocol in {"-1", "all", -1}

protocol_name(p) := "tcp" if p in {"tcp", "TCP", "Tcp", "6", 6}

protocol_name(p) := "udp" if p in {"udp", "UDP", "Udp", "17", 17}

# The rule opens `port` for one of `protocols`.
opens(e, _, _) if all_traffic(e)

opens(e, port, protocols) if {
	protocol_name(e.protocol) in protocols
	tf.to_num(e.from) <= port
	port <= tf.to_num(e.to)
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
