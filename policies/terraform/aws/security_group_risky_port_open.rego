# METADATA
# title: Database or administration port open to the internet
# description: >-
#   An ingress rule from `0.0.0.0/0` or `::/0` that covers a database, cache, search or file-sharing port
#   (MySQL, PostgreSQL, SQL Server, Redis, MongoDB, Elasticsearch, SMB, FTP, Telnet...) exposes a service
#   that is routinely scanned for and attacked, often protected by a password alone. Allow these ports only
#   from the security groups or private ranges of their clients. (SSH, RDP and rules open on every port are
#   TG-AWS-EC2-001, -002 and -003.)
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_security_group_ingress_rule
# custom:
#   id: TG-AWS-EC2-012
#   severity: high
#   enforcement: block
#   remediation: |
#     Allow the port only from the clients' security group:
#
#         resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
#           security_group_id            = aws_security_group.db.id
#           referenced_security_group_id = aws_security_group.app.id
#           ip_protocol                  = "tcp"
#           from_port                    = 5432
#           to_port                      = 5432
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices EC2.19
#     - NIST SP 800-53 AC-4, SC-7
#     - PCI DSS 1.3
#   resource_types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule]
package tollgate.terraform.aws.security_group_risky_port_open

import data.tollgate.lib.terraform as tf
import rego.v1

# Ports of services that should never face the internet (SSH 22 and RDP 3389 have their own rules).
risky_ports := {
	20: "FTP data",
	21: "FTP",
	23: "Telnet",
	135: "Microsoft RPC",
	445: "SMB",
	1433: "SQL Server",
	1434: "SQL Server browser",
	2375: "Docker API",
	3306: "MySQL",
	5432: "PostgreSQL",
	5601: "Kibana",
	5900: "VNC",
	6379: "Redis",
	9200: "Elasticsearch",
	9300: "Elasticsearch transport",
	11211: "Memcached",
	27017: "MongoDB",
}

deny contains {
	"msg": sprintf("%s allows %s over %s from `%s`", [e.what, concat(", ", services), upper(protocol_name(e.protocol)), e.cidr]),
	"path": e.path,
} if {
	some e in open_ingress
	protocol_name(e.protocol)
	from := tf.to_num(e.from)
	to := tf.to_num(e.to)
	is_number(from)
	is_number(to)
	not every_port(from, to)
	services := [sprintf("%s (%d)", [name, port]) |
		some port in sort(object.keys(risky_ports))
		from <= port
		port <= to
		name := risky_ports[port]
	]
	count(services) > 0
}

# A range of every port is TG-AWS-EC2-003.
every_port(from, to) if {
	from <= 1
	to >= 65535
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

protocol_name(p) := "tcp" if p in {"tcp", "TCP", "Tcp", "6", 6}

protocol_name(p) := "udp" if p in {"udp", "UDP", "Udp", "17", 17}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
