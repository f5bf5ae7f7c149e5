package tollgate.terraform.aws.security_group_rdp_open_test

import data.tollgate.terraform.aws.security_group_rdp_open as rule
import rego.v1

sg(ingress) := {"resource": {"aws_security_group": {"win": [{"name": "win", "ingress": ingress}]}}}

ingress(from, to, protocol, cidrs) := {"from_port": from, "to_port": to, "protocol": protocol, "cidr_blocks": cidrs}

test_inline_rdp_from_world_denied if {
	r := rule.deny with input as sg([ingress(3389, 3389, "tcp", ["0.0.0.0/0"])])
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_security_group", "win", 0, "ingress", 0, "cidr_blocks"]
}

test_rdp_udp_denied if {
	count(rule.deny) == 1 with input as sg([ingress(3389, 3389, "udp", ["0.0.0.0/0"])])
}

test_range_covering_3389_denied if {
	count(rule.deny) == 1 with input as sg([ingress(3000, 4000, "6", ["0.0.0.0/0"])])
}

test_all_protocols_denied if {
	count(rule.deny) == 1 with input as sg([ingress(0, 0, "-1", ["0.0.0.0/0"])])
}

test_rdp_from_private_range_allowed if {
	count(rule.deny) == 0 with input as sg([ingress(3389, 3389, "tcp", ["192.168.0.0/16"])])
}

test_ssh_only_allowed if {
	count(rule.deny) == 0 with input as sg([ingress(22, 22, "tcp", ["0.0.0.0/0"])])
}

test_unresolved_cidrs_allowed if {
	count(rule.deny) == 0 with input as sg([ingress(3389, 3389, "tcp", "${local.admin_cidrs}")])
}

test_security_group_rule_ipv6_denied if {
	rule_body := {"type": "ingress", "from_port": 3389, "to_port": 3389, "protocol": "tcp", "ipv6_cidr_blocks": ["::/0"]}
	r := rule.deny with input as {"resource": {"aws_security_group_rule": {"rdp": [rule_body]}}}
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_security_group_rule", "rdp", 0, "ipv6_cidr_blocks"]
}

test_vpc_ingress_rule_denied if {
	rule_body := {"cidr_ipv4": "0.0.0.0/0", "ip_protocol": "tcp", "from_port": 3389, "to_port": 3389}
	count(rule.deny) == 1 with input as {"resource": {"aws_vpc_security_group_ingress_rule": {"rdp": [rule_body]}}}
}

test_plan_vpc_ingress_rule_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "aws_vpc_security_group_ingress_rule.rdp",
		"mode": "managed",
		"type": "aws_vpc_security_group_ingress_rule",
		"name": "rdp",
		"values": {"cidr_ipv4": "0.0.0.0/0", "cidr_ipv6": null, "ip_protocol": "tcp", "from_port": 3389, "to_port": 3389},
	}]}}}
	r := rule.deny with input as plan
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "cidr_ipv4"]
}

# A dynamic ingress behind a toggle whose default is off (`for_each = var.enabled ? [1] : []`): the
# for_each is known to be empty, so no ingress is generated; an unknown or non-empty for_each is judged.
test_dynamic_ingress_with_empty_for_each_allowed if {
	every for_each in [[], {}] {
		body := {"dynamic": {"ingress": [{"for_each": for_each, "content": [{"from_port": 3389, "to_port": 3389, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}]}}
		count(rule.deny) == 0 with input as {"resource": {"aws_security_group": {"web": [body]}}}
	}
}

test_dynamic_ingress_with_possible_for_each_denied if {
	every for_each in [[1], "${var.enabled ? [1] : []}"] {
		body := {"dynamic": {"ingress": [{"for_each": for_each, "content": [{"from_port": 3389, "to_port": 3389, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}]}}
		count(rule.deny) == 1 with input as {"resource": {"aws_security_group": {"web": [body]}}}
	}
}
