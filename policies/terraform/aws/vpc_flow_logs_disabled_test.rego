package tollgate.terraform.aws.vpc_flow_logs_disabled_test

import data.tollgate.terraform.aws.vpc_flow_logs_disabled as rule
import data.tollgate.lib.terraform as tf
import rego.v1

# The module's resources by type, as tollgate indexes them (`data.tollgate.module_resources`).
idx(mod) := {type: tf.block_resources_of(mod.resource, type) | some type, _ in object.get(mod, "resource", {})}

vpc := {"aws_vpc": {"main": [{"cidr_block": "10.0.0.0/16"}]}}

flow_log(vpc_id) := {"aws_flow_log": {"main": [{"vpc_id": vpc_id, "traffic_type": "ALL", "log_destination": "${aws_s3_bucket.logs.arn}", "log_destination_type": "s3"}]}}

test_vpc_without_flow_log_warned if {
	mod := {"resource": vpc}
	r := rule.warn with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_vpc", "main", 0]
	f.msg == "VPC `aws_vpc.main` has no flow log (`aws_flow_log` with `vpc_id` set to it)"
}

test_flow_log_in_other_file_allowed if {
	count(rule.warn) == 0 with input as {"resource": vpc} with data.tollgate.module as {"resource": object.union(vpc, flow_log("${aws_vpc.main.id}"))} with data.tollgate.module_resources as idx({"resource": object.union(vpc, flow_log("${aws_vpc.main.id}"))})
}

test_module_style_reference_allowed if {
	mod := {"resource": object.union(vpc, flow_log("${try(aws_vpc_ipv4_cidr_block_association.this[0].vpc_id, aws_vpc.main[0].id, \"\")}"))}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_unknown_vpc_id_allowed if {
	mod := {"resource": object.union(vpc, flow_log("${var.vpc_id}"))}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_flow_log_of_other_vpc_warned if {
	mod := {"resource": object.union(vpc, flow_log("${aws_vpc.main_secondary.id}"))}
	count(rule.warn) == 1 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_flow_log_module_call_allowed if {
	mod := {"resource": vpc, "module": {"vpc_flow_logs": [{"source": "git::https://example.com/modules.git//flow-logs", "vpc_id": "${aws_vpc.main.id}"}]}}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
	other := {"resource": vpc, "module": {"endpoints": [{"source": "./endpoints", "vpc_id": "${aws_vpc.main.id}"}]}}
	count(rule.warn) == 1 with input as other with data.tollgate.module as other with data.tollgate.module_resources as idx(other)
}

plan_resource(type, name, values) := {"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name, "values": values}

test_plan if {
	without := {"planned_values": {"root_module": {"resources": [plan_resource("aws_vpc", "main", {"cidr_block": "10.0.0.0/16"})]}}}
	r := rule.warn with input as without
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values"]
	with_log := {
		"planned_values": {"root_module": {"resources": [
			plan_resource("aws_vpc", "main", {"cidr_block": "10.0.0.0/16"}),
			plan_resource("aws_flow_log", "main", {"traffic_type": "ALL"}),
		]}},
		"configuration": {"root_module": {"resources": [{"address": "aws_flow_log.main", "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}}]}},
	}
	count(rule.warn) == 0 with input as with_log
}
