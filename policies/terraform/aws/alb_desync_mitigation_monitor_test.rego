package tollgate.terraform.aws.alb_desync_mitigation_monitor_test

import data.tollgate.terraform.aws.alb_desync_mitigation_monitor as rule
import rego.v1

lb(type, body) := {"resource": {type: {"web": [object.union({"name": "web"}, body)]}}}

test_monitor_warned if {
	r := rule.warn with input as lb("aws_lb", {"desync_mitigation_mode": "monitor"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_lb", "web", 0, "desync_mitigation_mode"]
	count(rule.warn) == 1 with input as lb("aws_elb", {"desync_mitigation_mode": "monitor"})
}

test_default_defensive_strictest_allowed if {
	count(rule.warn) == 0 with input as lb("aws_lb", {})
	count(rule.warn) == 0 with input as lb("aws_lb", {"desync_mitigation_mode": "defensive"})
	count(rule.warn) == 0 with input as lb("aws_alb", {"desync_mitigation_mode": "strictest"})
	count(rule.warn) == 0 with input as lb("aws_lb", {"desync_mitigation_mode": "${var.desync_mode}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_lb.web", "mode": "managed", "type": "aws_lb", "name": "web", "values": {"desync_mitigation_mode": "monitor"}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "desync_mitigation_mode"]
}
