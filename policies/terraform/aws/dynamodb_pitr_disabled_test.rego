package tollgate.terraform.aws.dynamodb_pitr_disabled_test

import data.tollgate.terraform.aws.dynamodb_pitr_disabled as rule
import rego.v1

table(body) := {"resource": {"aws_dynamodb_table": {"orders": [object.union({"name": "orders", "hash_key": "id", "billing_mode": "PAY_PER_REQUEST", "attribute": [{"name": "id", "type": "S"}]}, body)]}}}

test_missing_pitr_warned if {
	r := rule.warn with input as table({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_dynamodb_table", "orders", 0]
}

test_pitr_false_warned if {
	r := rule.warn with input as table({"point_in_time_recovery": [{"enabled": false}]})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_dynamodb_table", "orders", 0, "point_in_time_recovery", 0, "enabled"]
}

test_pitr_block_without_enabled_warned if {
	r := rule.warn with input as table({"point_in_time_recovery": [{}]})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_dynamodb_table", "orders", 0, "point_in_time_recovery", 0]
}

test_pitr_enabled_allowed if {
	count(rule.warn) == 0 with input as table({"point_in_time_recovery": [{"enabled": true}]})
}

test_unresolved_allowed if {
	count(rule.warn) == 0 with input as table({"point_in_time_recovery": [{"enabled": "${var.pitr}"}]})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_dynamodb_table.orders",
	"mode": "managed",
	"type": "aws_dynamodb_table",
	"name": "orders",
	"values": values,
}]}}}

test_plan_false_warned if {
	r := rule.warn with input as plan({"name": "orders", "point_in_time_recovery": [{"enabled": false}]})
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "point_in_time_recovery", 0, "enabled"]
}

test_plan_enabled_or_unknown_allowed if {
	count(rule.warn) == 0 with input as plan({"name": "orders", "point_in_time_recovery": [{"enabled": true}]})
	count(rule.warn) == 0 with input as plan({"name": "orders"})
}
