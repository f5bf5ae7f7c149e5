package tollgate.terraform.aws.dynamodb_table_no_cmk_test

import data.tollgate.terraform.aws.dynamodb_table_no_cmk as rule
import rego.v1

table(body) := {"resource": {"aws_dynamodb_table": {"orders": [object.union({"name": "orders", "hash_key": "id"}, body)]}}}

test_no_block_warned if {
	r := rule.warn with input as table({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_dynamodb_table", "orders", 0]
}

test_disabled_warned if {
	r := rule.warn with input as table({"server_side_encryption": [{"enabled": false}]})
	some f in r
	f.path == ["resource", "aws_dynamodb_table", "orders", 0, "server_side_encryption", 0, "enabled"]
}

test_aws_managed_key_warned if {
	r := rule.warn with input as table({"server_side_encryption": [{"enabled": true}]})
	some f in r
	f.path == ["resource", "aws_dynamodb_table", "orders", 0, "server_side_encryption", 0]
}

test_customer_managed_key_allowed if {
	count(rule.warn) == 0 with input as table({"server_side_encryption": [{"enabled": true, "kms_key_arn": "${aws_kms_key.dynamodb.arn}"}]})
	count(rule.warn) == 0 with input as table({"server_side_encryption": [{"enabled": "${var.sse_enabled}", "kms_key_arn": "${var.kms_key_arn}"}]})
	count(rule.warn) == 0 with input as table({"dynamic": {"server_side_encryption": [{"for_each": "${var.sse}", "content": [{"enabled": true}]}]}})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_dynamodb_table.orders", "mode": "managed", "type": "aws_dynamodb_table", "name": "orders", "values": {"name": "orders", "server_side_encryption": []}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values"]
}
