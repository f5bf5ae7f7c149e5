package tollgate.terraform.aws.instance_public_ip_test

import data.tollgate.terraform.aws.instance_public_ip as rule
import rego.v1

res(type, body) := {"resource": {type: {"app": [object.union({"instance_type": "t3.small"}, body)]}}}

test_instance_warned if {
	r := rule.warn with input as res("aws_instance", {"associate_public_ip_address": true})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_instance", "app", 0, "associate_public_ip_address"]
	count(rule.warn) == 1 with input as res("aws_launch_configuration", {"associate_public_ip_address": true})
}

test_launch_template_warned if {
	r := rule.warn with input as res("aws_launch_template", {"network_interfaces": [{"associate_public_ip_address": "true", "security_groups": ["sg-1"]}]})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_launch_template", "app", 0, "network_interfaces", 0, "associate_public_ip_address"]
}

test_private_allowed if {
	count(rule.warn) == 0 with input as res("aws_instance", {})
	count(rule.warn) == 0 with input as res("aws_instance", {"associate_public_ip_address": false})
	count(rule.warn) == 0 with input as res("aws_launch_template", {"network_interfaces": [{"associate_public_ip_address": "false"}]})
	count(rule.warn) == 0 with input as res("aws_launch_template", {"network_interfaces": [{"security_groups": ["sg-1"]}]})
}

test_unresolved_allowed if {
	count(rule.warn) == 0 with input as res("aws_instance", {"associate_public_ip_address": "${var.public}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_instance.app", "mode": "managed", "type": "aws_instance", "name": "app", "values": {"associate_public_ip_address": true}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "associate_public_ip_address"]
}
