package tollgate.terraform.aws.default_security_group_allows_traffic_test

import data.tollgate.terraform.aws.default_security_group_allows_traffic as rule
import rego.v1

sg(body) := {"resource": {"aws_default_security_group": {"default": [object.union({"vpc_id": "${aws_vpc.main.id}"}, body)]}}}

test_ingress_and_egress_denied if {
	r := rule.deny with input as sg({
		"ingress": [{"protocol": "-1", "self": true, "from_port": 0, "to_port": 0}],
		"egress": [{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}],
	})
	count(r) == 2
	{f.path | some f in r} == {
		["resource", "aws_default_security_group", "default", 0, "ingress", 0],
		["resource", "aws_default_security_group", "default", 0, "egress", 0],
	}
}

test_empty_group_allowed if {
	count(rule.deny) == 0 with input as sg({})
	count(rule.deny) == 0 with input as sg({"ingress": [], "egress": []})
}

test_dynamic_rules if {
	empty := {"dynamic": {"ingress": [{"for_each": [], "content": [{"self": "${ingress.value.self}"}]}]}}
	count(rule.deny) == 0 with input as sg(empty)
	unknown := {"dynamic": {"egress": [{"for_each": "${var.default_egress}", "content": [{"protocol": "-1"}]}]}}
	count(rule.deny) == 0 with input as sg(unknown)
	known := {"dynamic": {"egress": [{"for_each": [{"protocol": "-1", "cidr_blocks": "0.0.0.0/0"}], "content": [{"protocol": "${egress.value.protocol}"}]}]}}
	r := rule.deny with input as sg(known)
	some f in r
	f.path == ["resource", "aws_default_security_group", "default", 0, "dynamic", "egress", 0]
}

test_rule_resources_on_default_group_denied if {
	inp := {"resource": {
		"aws_vpc_security_group_ingress_rule": {"https": [{"security_group_id": "${aws_default_security_group.default.id}", "cidr_ipv4": "10.0.0.0/8", "ip_protocol": "tcp", "from_port": 443, "to_port": 443}]},
		"aws_security_group_rule": {"all": [{"type": "ingress", "security_group_id": "${aws_vpc.main.default_security_group_id}", "protocol": "-1", "from_port": 0, "to_port": 0, "self": true}]},
	}}
	r := rule.deny with input as inp
	count(r) == 2
}

test_rule_resources_on_own_group_allowed if {
	inp := {"resource": {"aws_vpc_security_group_ingress_rule": {"https": [{"security_group_id": "${aws_security_group.web.id}", "cidr_ipv4": "10.0.0.0/8", "ip_protocol": "tcp", "from_port": 443, "to_port": 443}]}}}
	count(rule.deny) == 0 with input as inp
	unknown := {"resource": {"aws_vpc_security_group_ingress_rule": {"https": [{"security_group_id": "${var.security_group_id}", "ip_protocol": "-1"}]}}}
	count(rule.deny) == 0 with input as unknown
}

plan(values) := {"planned_values": {"root_module": {"resources": [{"address": "aws_default_security_group.default", "mode": "managed", "type": "aws_default_security_group", "name": "default", "values": values}]}}}

test_plan if {
	count(rule.deny) == 0 with input as plan({"vpc_id": "vpc-1", "ingress": [], "egress": []})
	r := rule.deny with input as plan({"vpc_id": "vpc-1", "ingress": [{"protocol": "-1", "self": true}], "egress": []})
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "ingress", 0]
}
