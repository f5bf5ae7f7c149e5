package tollgate.terraform.aws.alb_invalid_headers_not_dropped_test

import data.tollgate.terraform.aws.alb_invalid_headers_not_dropped as rule
import rego.v1

lb(type, body) := {"resource": {type: {"web": [object.union({"name": "web", "subnets": ["subnet-1", "subnet-2"]}, body)]}}}

test_missing_warned if {
	r := rule.warn with input as lb("aws_lb", {})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_lb", "web", 0]
	count(rule.warn) == 1 with input as lb("aws_alb", {"load_balancer_type": "application"})
}

test_false_warned if {
	r := rule.warn with input as lb("aws_lb", {"drop_invalid_header_fields": false})
	some f in r
	f.path == ["resource", "aws_lb", "web", 0, "drop_invalid_header_fields"]
}

test_enabled_allowed if {
	count(rule.warn) == 0 with input as lb("aws_lb", {"drop_invalid_header_fields": true})
}

test_network_load_balancer_and_unresolved_allowed if {
	count(rule.warn) == 0 with input as lb("aws_lb", {"load_balancer_type": "network"})
	count(rule.warn) == 0 with input as lb("aws_lb", {"load_balancer_type": "${var.type}"})
	count(rule.warn) == 0 with input as lb("aws_lb", {"drop_invalid_header_fields": "${var.drop_invalid_header_fields}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_lb.web", "mode": "managed", "type": "aws_lb", "name": "web", "values": {"load_balancer_type": "application", "drop_invalid_header_fields": false}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "drop_invalid_header_fields"]
}
