package tollgate.terraform.aws.security_group_ssh_open_test

import data.tollgate.terraform.aws.security_group_ssh_open as rule
import rego.v1

sg(ingress) := {"resource": {"aws_security_group": {"web": [{"name": "web", "ingress": ingress}]}}}

ingress(from, to, protocol, cidrs) := {"from_port": from, "to_port": to, "protocol": protocol, "cidr_blocks": cidrs}

test_inline_ssh_from_world_denied if {
	r := rule.deny with input as sg([ingress(443, 443, "tcp", ["0.0.0.0/0"]), ingress(22, 22, "tcp", ["0.0.0.0/0"])])
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_security_group", "web", 0, "ingress", 1, "cidr_blocks"]
}

test_port_range_covering_22_denied if {
	count(rule.deny) == 1 with input as sg([ingress(0, 1024, "tcp", ["10.0.0.0/8", "0.0.0.0/0"])])
}

test_all_protocols_denied if {
	count(rule.deny) == 1 with input as sg([ingress(0, 0, "-1", ["0.0.0.0/0"])])
	count(rule.deny) == 1 with input as sg([ingress("0", "0", "all", ["0.0.0.0/0"])])
}

test_ipv6_world_denied if {
	r := rule.deny with input as sg([{"from_port": 22, "to_port": 22, "protocol": "tcp", "ipv6_cidr_blocks": ["::/0"]}])
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_security_group", "web", 0, "ingress", 0, "ipv6_cidr_blocks"]
}

test_ssh_from_private_range_allowed if {
	count(rule.deny) == 0 with input as sg([ingress(22, 22, "tcp", ["10.0.0.0/8"])])
}

test_https_from_world_allowed if {
	count(rule.deny) == 0 with input as sg([ingress(443, 443, "tcp", ["0.0.0.0/0"])])
}

test_udp_22_allowed if {
	count(rule.deny) == 0 with input as sg([ingress(22, 22, "udp", ["0.0.0.0/0"])])
}

test_unresolved_values_allowed if {
	count(rule.deny) == 0 with input as sg([ingress(22, 22, "tcp", "${var.allowed_cidrs}")])
	count(rule.deny) == 0 with input as sg([ingress("${var.port}", "${var.port}", "tcp", ["0.0.0.0/0"])])
	count(rule.deny) == 0 with input as sg([ingress(22, 22, "${var.protocol}", ["0.0.0.0/0"])])
}

test_dynamic_ingress_with_literal_values_denied if {
	body := {"dynamic": {"ingress": [{"for_each": "${var.ports}", "content": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}]}}
	r := rule.deny with input as {"resource": {"aws_security_group": {"web": [body]}}}
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_security_group", "web", 0, "dynamic", "ingress", 0, "content", 0, "cidr_blocks"]
}

test_dynamic_ingress_with_iterator_values_allowed if {
	body := {"dynamic": {"ingress": [{"for_each": "${var.rules}", "content": [{"from_port": "${ingress.value.port}", "to_port": "${ingress.value.port}", "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}]}}
	count(rule.deny) == 0 with input as {"resource": {"aws_security_group": {"web": [body]}}}
}

test_security_group_rule_denied if {
	rule_body := {"type": "ingress", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"], "security_group_id": "${aws_security_group.web.id}"}
	r := rule.deny with input as {"resource": {"aws_security_group_rule": {"ssh": [rule_body]}}}
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_security_group_rule", "ssh", 0, "cidr_blocks"]
}

test_security_group_egress_rule_allowed if {
	rule_body := {"type": "egress", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}
	count(rule.deny) == 0 with input as {"resource": {"aws_security_group_rule": {"out": [rule_body]}}}
}

test_vpc_ingress_rule_denied if {
	rule_body := {"security_group_id": "${aws_security_group.web.id}", "cidr_ipv4": "0.0.0.0/0", "ip_protocol": "tcp", "from_port": 22, "to_port": 22}
	r := rule.deny with input as {"resource": {"aws_vpc_security_group_ingress_rule": {"ssh": [rule_body]}}}
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_vpc_security_group_ingress_rule", "ssh", 0, "cidr_ipv4"]
}

test_vpc_ingress_rule_all_protocols_ipv6_denied if {
	rule_body := {"security_group_id": "${aws_security_group.web.id}", "cidr_ipv6": "::/0", "ip_protocol": "-1"}
	count(rule.deny) == 1 with input as {"resource": {"aws_vpc_security_group_ingress_rule": {"all": [rule_body]}}}
}

test_vpc_ingress_rule_referenced_group_allowed if {
	rule_body := {"security_group_id": "${aws_security_group.web.id}", "referenced_security_group_id": "${aws_security_group.lb.id}", "ip_protocol": "tcp", "from_port": 22, "to_port": 22}
	count(rule.deny) == 0 with input as {"resource": {"aws_vpc_security_group_ingress_rule": {"ssh": [rule_body]}}}
}

test_plan_security_group_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "aws_security_group.web",
		"mode": "managed",
		"type": "aws_security_group",
		"name": "web",
		"values": {"name": "web", "ingress": [{"cidr_blocks": ["0.0.0.0/0"], "description": "", "from_port": 22, "ipv6_cidr_blocks": [], "prefix_list_ids": [], "protocol": "tcp", "security_groups": [], "self": false, "to_port": 22}]},
	}]}}}
	r := rule.deny with input as plan
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "ingress", 0, "cidr_blocks"]
}

test_both_world_cidrs_in_one_list_single_finding if {
	count(rule.deny) == 1 with input as sg([ingress(22, 22, "tcp", ["0.0.0.0/0", "::/0"])])
}

# A dynamic ingress behind a toggle whose default is off (`for_each = var.enabled ? [1] : []`): the
# for_each is known to be empty, so no ingress is generated; an unknown or non-empty for_each is judged.
test_dynamic_ingress_with_empty_for_each_allowed if {
	every for_each in [[], {}] {
		body := {"dynamic": {"ingress": [{"for_each": for_each, "content": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}]}}
		count(rule.deny) == 0 with input as {"resource": {"aws_security_group": {"web": [body]}}}
	}
}

test_dynamic_ingress_with_possible_for_each_denied if {
	every for_each in [[1], "${var.enabled ? [1] : []}"] {
		body := {"dynamic": {"ingress": [{"for_each": for_each, "content": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}]}}
		count(rule.deny) == 1 with input as {"resource": {"aws_security_group": {"web": [body]}}}
	}
}
