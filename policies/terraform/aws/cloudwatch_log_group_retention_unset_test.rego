package tollgate.terraform.aws.cloudwatch_log_group_retention_unset_test

import data.tollgate.terraform.aws.cloudwatch_log_group_retention_unset as rule
import rego.v1

group(body) := {"resource": {"aws_cloudwatch_log_group": {"app": [object.union({"name": "/app/api"}, body)]}}}

test_missing_warned if {
	r := rule.warn with input as group({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudwatch_log_group", "app", 0]
}

test_zero_warned if {
	r := rule.warn with input as group({"retention_in_days": 0})
	some f in r
	f.path == ["resource", "aws_cloudwatch_log_group", "app", 0, "retention_in_days"]
}

test_retention_allowed if {
	count(rule.warn) == 0 with input as group({"retention_in_days": 365})
	count(rule.warn) == 0 with input as group({"retention_in_days": "30"})
	count(rule.warn) == 0 with input as group({"retention_in_days": "${var.retention_in_days}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_cloudwatch_log_group.app", "mode": "managed", "type": "aws_cloudwatch_log_group", "name": "app", "values": {"name": "/app/api", "retention_in_days": 0}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "retention_in_days"]
}
