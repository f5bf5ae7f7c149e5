package tollgate.terraform.aws.subnet_public_ip_on_launch_test

import data.tollgate.terraform.aws.subnet_public_ip_on_launch as rule
import rego.v1

subnet(type, body) := {"resource": {type: {"public": [object.union({"vpc_id": "${aws_vpc.main.id}"}, body)]}}}

test_public_ip_warned if {
	r := rule.warn with input as subnet("aws_subnet", {"map_public_ip_on_launch": true})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_subnet", "public", 0, "map_public_ip_on_launch"]
	count(rule.warn) == 1 with input as subnet("aws_default_subnet", {"map_public_ip_on_launch": "true"})
}

test_default_and_false_allowed if {
	count(rule.warn) == 0 with input as subnet("aws_subnet", {})
	count(rule.warn) == 0 with input as subnet("aws_subnet", {"map_public_ip_on_launch": false})
}

test_unresolved_allowed if {
	count(rule.warn) == 0 with input as subnet("aws_subnet", {"map_public_ip_on_launch": "${var.map_public_ip_on_launch}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_subnet.public", "mode": "managed", "type": "aws_subnet", "name": "public", "values": {"map_public_ip_on_launch": true}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "map_public_ip_on_launch"]
}
