package tollgate.terraform.aws.cloudtrail_log_validation_disabled_test

import data.tollgate.terraform.aws.cloudtrail_log_validation_disabled as rule
import rego.v1

trail(body) := {"resource": {"aws_cloudtrail": {"main": [object.union({"name": "main", "s3_bucket_name": "acme-trail"}, body)]}}}

test_missing_warned if {
	r := rule.warn with input as trail({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudtrail", "main", 0]
}

test_false_warned if {
	r := rule.warn with input as trail({"enable_log_file_validation": false})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudtrail", "main", 0, "enable_log_file_validation"]
}

test_true_allowed if {
	count(rule.warn) == 0 with input as trail({"enable_log_file_validation": true})
	count(rule.warn) == 0 with input as trail({"enable_log_file_validation": "true"})
}

test_unresolved_allowed if {
	count(rule.warn) == 0 with input as trail({"enable_log_file_validation": "${var.flag}"})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_cloudtrail.main",
	"mode": "managed",
	"type": "aws_cloudtrail",
	"name": "main",
	"values": values,
}]}}}

test_plan_false_warned if {
	r := rule.warn with input as plan({"name": "main", "enable_log_file_validation": false})
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "enable_log_file_validation"]
}

test_plan_true_allowed if {
	count(rule.warn) == 0 with input as plan({"name": "main", "enable_log_file_validation": true})
}
