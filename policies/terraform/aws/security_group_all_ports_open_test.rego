package tollgate.terraform.aws.security_group_all_ports_open_test

import data.tollgate.terraform.aws.security_group_all_ports_open as rule
import rego.v1

sg(ingress) := {"resource": {"aws_security_group": {"web": [{"name": "web", "ingress": ingress}]}}}

ingress(from, to, protocol, cidrs) := {"from_port": from, "to_port": to, "protocol": protocol, "cidr_blocks": cidrs}

test_all_protocols_denied if {
	r := rule.deny with input as sg([ingress(0, 0, "-1", ["0.0.0.0/0"])])
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_security_group", "web", 0, "ingress", 0, "cidr_blocks"]
}

test_all_keyword_and_numeric_protocol_denied if {
	count(rule.deny) == 1 with input as sg([ingress(0, 0, "all", ["0.0.0.0/0"])])
	count(rule.deny) == 1 with input as sg([ingress(0, 0, -1, ["0.0.0.0/0"])])
}

test_full_tcp_range_denied if {
	count(rule.deny) == 1 with input as sg([ingress(0, 65535, "tcp", ["0.0.0.0/0"])])
	count(rule.deny) == 1 with input as sg([ingress("1", "65535", "udp", ["0.0.0.0/0"])])
}

test_partial_range_allowed if {
	count(rule.deny) == 0 with input as sg([ingress(1024, 65535, "tcp", ["0.0.0.0/0"])])
}

test_all_traffic_from_vpc_allowed if {
	count(rule.deny) == 0 with input as sg([ingress(0, 0, "-1", ["10.0.0.0/16"])])
}

test_self_referencing_all_traffic_allowed if {
	count(rule.deny) == 0 with input as sg([{"from_port": 0, "to_port": 0, "protocol": "-1", "self": true}])
}

test_unresolved_protocol_allowed if {
	count(rule.deny) == 0 with input as sg([ingress(0, 0, "${var.protocol}", ["0.0.0.0/0"])])
}

test_vpc_ingress_rule_denied if {
	rule_body := {"security_group_id": "${aws_security_group.web.id}", "cidr_ipv4": "0.0.0.0/0", "ip_protocol": "-1"}
	r := rule.deny with input as {"resource": {"aws_vpc_security_group_ingress_rule": {"any": [rule_body]}}}
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_vpc_security_group_ingress_rule", "any", 0, "cidr_ipv4"]
}

test_security_group_rule_denied if {
	rule_body := {"type": "ingress", "from_port": 0, "to_port": 65535, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}
	count(rule.deny) == 1 with input as {"resource": {"aws_security_group_rule": {"any": [rule_body]}}}
}

test_egress_all_allowed if {
	count(rule.deny) == 0 with input as {"resource": {"aws_security_group": {"web": [{"egress": [ingress(0, 0, "-1", ["0.0.0.0/0"])]}]}}}
}

test_plan_security_group_rule_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "aws_security_group_rule.any",
		"mode": "managed",
		"type": "aws_security_group_rule",
		"name": "any",
		"values": {"type": "ingress", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": null},
	}]}}}
	count(rule.deny) == 1 with input as plan
}

# A dynamic ingress behind a toggle whose default is off (`for_each = var.enabled ? [1] : []`): the
# for_each is known to be empty, so no ingress is generated; an unknown or non-empty for_each is judged.
test_dynamic_ingress_with_empty_for_each_allowed if {
	every for_each in [[], {}] {
		body := {"dynamic": {"ingress": [{"for_each": for_each, "content": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]}]}}
		count(rule.deny) == 0 with input as {"resource": {"aws_security_group": {"web": [body]}}}
	}
}

test_dynamic_ingress_with_possible_for_each_denied if {
	every for_each in [[1], "${var.enabled ? [1] : []}"] {
		body := {"dynamic": {"ingress": [{"for_each": for_each, "content": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]}]}}
		count(rule.deny) == 1 with input as {"resource": {"aws_security_group": {"web": [body]}}}
	}
}
