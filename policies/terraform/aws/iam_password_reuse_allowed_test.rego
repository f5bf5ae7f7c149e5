package tollgate.terraform.aws.iam_password_reuse_allowed_test

import data.tollgate.terraform.aws.iam_password_reuse_allowed as rule
import rego.v1

policy(body) := {"resource": {"aws_iam_account_password_policy": {"this": [object.union({"minimum_password_length": 14}, body)]}}}

test_low_reuse_prevention_warned if {
	r := rule.warn with input as policy({"password_reuse_prevention": 5})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_iam_account_password_policy", "this", 0, "password_reuse_prevention"]
}

test_missing_reuse_prevention_warned if {
	r := rule.warn with input as policy({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_iam_account_password_policy", "this", 0]
}

test_24_allowed if {
	count(rule.warn) == 0 with input as policy({"password_reuse_prevention": 24})
	count(rule.warn) == 0 with input as policy({"password_reuse_prevention": "24"})
}

test_unresolved_allowed if {
	count(rule.warn) == 0 with input as policy({"password_reuse_prevention": "${var.reuse}"})
}

test_plan_null_warned if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "aws_iam_account_password_policy.this",
		"mode": "managed",
		"type": "aws_iam_account_password_policy",
		"name": "this",
		"values": {"minimum_password_length": 14, "password_reuse_prevention": null},
	}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values"]
}
