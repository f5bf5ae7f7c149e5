package tollgate.terraform.aws.iam_password_policy_short_test

import data.tollgate.terraform.aws.iam_password_policy_short as rule
import rego.v1

policy(body) := {"resource": {"aws_iam_account_password_policy": {"this": [object.union({"require_symbols": true}, body)]}}}

test_short_length_denied if {
	r := rule.deny with input as policy({"minimum_password_length": 8})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_iam_account_password_policy", "this", 0, "minimum_password_length"]
	f.msg == "IAM account password policy `aws_iam_account_password_policy.this` sets `minimum_password_length = 8` (at least 14 required)"
	count(rule.deny) == 1 with input as policy({"minimum_password_length": "12"})
}

test_missing_length_denied if {
	r := rule.deny with input as policy({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_iam_account_password_policy", "this", 0]
}

test_long_length_allowed if {
	count(rule.deny) == 0 with input as policy({"minimum_password_length": 14})
	count(rule.deny) == 0 with input as policy({"minimum_password_length": 32})
}

test_unresolved_allowed if {
	count(rule.deny) == 0 with input as policy({"minimum_password_length": "${var.min_length}"})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_iam_account_password_policy.this",
	"mode": "managed",
	"type": "aws_iam_account_password_policy",
	"name": "this",
	"values": values,
}]}}}

test_plan if {
	r := rule.deny with input as plan({"minimum_password_length": 6})
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "minimum_password_length"]
	count(rule.deny) == 0 with input as plan({"minimum_password_length": 16})
	count(rule.deny) == 0 with input as plan({})
}
