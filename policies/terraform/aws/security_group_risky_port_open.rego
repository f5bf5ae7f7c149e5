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
import data.tollgate.lib.terraform_aws_security_group as sg
import data.tollgate.lib.terraform_aws_security_group.open_ingress
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
	"msg": sprintf("%s allows %s over %s from `%s`", [e.what, concat(", ", services), upper(sg.protocol_name(e.protocol)), e.cidr]),
	"path": e.path,
} if {
	some e in open_ingress
	sg.protocol_name(e.protocol)
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
