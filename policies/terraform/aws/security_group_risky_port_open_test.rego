package tollgate.terraform.aws.security_group_risky_port_open_test

import data.tollgate.terraform.aws.security_group_risky_port_open as rule
import rego.v1

sg(ingress) := {"resource": {"aws_security_group": {"db": [{"name": "db", "ingress": ingress}]}}}

test_postgres_open_denied if {
	r := rule.deny with input as sg([{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"]}])
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_security_group", "db", 0, "ingress", 0, "cidr_blocks"]
	f.msg == "Security group `aws_security_group.db` allows PostgreSQL (5432) over TCP from `0.0.0.0/0`"
}

test_port_range_lists_every_service if {
	r := rule.deny with input as sg([{"protocol": "6", "from_port": 0, "to_port": 1024, "ipv6_cidr_blocks": ["::/0"]}])
	some f in r
	f.msg == "Security group `aws_security_group.db` allows FTP data (20), FTP (21), Telnet (23), Microsoft RPC (135), SMB (445) over TCP from `::/0`"
}

test_web_ports_and_private_sources_allowed if {
	count(rule.deny) == 0 with input as sg([{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]}])
	count(rule.deny) == 0 with input as sg([{"protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_blocks": ["10.0.0.0/16"]}])
}

test_ssh_rdp_and_all_ports_left_to_other_rules if {
	count(rule.deny) == 0 with input as sg([{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]}])
	count(rule.deny) == 0 with input as sg([{"protocol": "tcp", "from_port": 0, "to_port": 65535, "cidr_blocks": ["0.0.0.0/0"]}])
	count(rule.deny) == 0 with input as sg([{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}])
}

test_unresolved_ports_allowed if {
	count(rule.deny) == 0 with input as sg([{"protocol": "tcp", "from_port": "${var.port}", "to_port": "${var.port}", "cidr_blocks": ["0.0.0.0/0"]}])
}

test_rule_resources_denied if {
	inp := {"resource": {
		"aws_vpc_security_group_ingress_rule": {"redis": [{"security_group_id": "${aws_security_group.cache.id}", "cidr_ipv4": "0.0.0.0/0", "ip_protocol": "tcp", "from_port": 6379, "to_port": 6379}]},
		"aws_security_group_rule": {"mongo": [{"type": "ingress", "security_group_id": "${aws_security_group.db.id}", "protocol": "tcp", "from_port": 27017, "to_port": 27017, "cidr_blocks": ["0.0.0.0/0"]}]},
	}}
	r := rule.deny with input as inp
	{f.path | some f in r} == {
		["resource", "aws_vpc_security_group_ingress_rule", "redis", 0, "cidr_ipv4"],
		["resource", "aws_security_group_rule", "mongo", 0, "cidr_blocks"],
	}
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_security_group.db", "mode": "managed", "type": "aws_security_group", "name": "db", "values": {"ingress": [{"protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": []}]}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "ingress", 0, "cidr_blocks"]
}
