package tollgate.terraform.aws.lb_access_logs_disabled_test

import data.tollgate.terraform.aws.lb_access_logs_disabled as rule
import rego.v1

lb(type, body) := {"resource": {type: {"web": [object.union({"name": "web"}, body)]}}}

test_no_block_warned if {
	r := rule.warn with input as lb("aws_lb", {})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_lb", "web", 0]
	count(rule.warn) == 1 with input as lb("aws_elb", {"availability_zones": ["eu-west-1a"]})
}

test_block_without_enabled if {
	r := rule.warn with input as lb("aws_lb", {"access_logs": [{"bucket": "acme-lb-logs"}]})
	some f in r
	f.path == ["resource", "aws_lb", "web", 0, "access_logs", 0]
	# Classic load balancers log by default once the block is there.
	count(rule.warn) == 0 with input as lb("aws_elb", {"access_logs": [{"bucket": "acme-lb-logs"}]})
}

test_disabled_warned if {
	count(rule.warn) == 1 with input as lb("aws_elb", {"access_logs": [{"bucket": "acme-lb-logs", "enabled": false}]})
}

test_enabled_allowed if {
	count(rule.warn) == 0 with input as lb("aws_lb", {"access_logs": [{"bucket": "acme-lb-logs", "enabled": true}]})
	count(rule.warn) == 0 with input as lb("aws_lb", {"access_logs": [{"bucket": "acme-lb-logs", "enabled": "${var.logs_enabled}"}]})
}

test_network_and_dynamic_allowed if {
	count(rule.warn) == 0 with input as lb("aws_lb", {"load_balancer_type": "network"})
	count(rule.warn) == 0 with input as lb("aws_lb", {"dynamic": {"access_logs": [{"for_each": "${var.access_logs}", "content": [{"bucket": "${access_logs.value.bucket}", "enabled": true}]}]}})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{"address": "aws_lb.web", "mode": "managed", "type": "aws_lb", "name": "web", "values": values}]}}}

test_plan if {
	r := rule.warn with input as plan({"load_balancer_type": "application", "access_logs": []})
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values"]
	count(rule.warn) == 0 with input as plan({"load_balancer_type": "application"})
	count(rule.warn) == 1 with input as plan({"load_balancer_type": "application", "access_logs": [{"bucket": "b", "enabled": false}]})
}
