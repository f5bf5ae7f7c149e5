package tollgate.terraform.aws.cloudtrail_not_multi_region_test

import data.tollgate.terraform.aws.cloudtrail_not_multi_region as rule
import rego.v1

trail(body) := {"resource": {"aws_cloudtrail": {"main": [object.union({"name": "main", "s3_bucket_name": "acme-trail"}, body)]}}}

test_missing_warned if {
	r := rule.warn with input as trail({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudtrail", "main", 0]
}

test_false_warned if {
	r := rule.warn with input as trail({"is_multi_region_trail": false})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudtrail", "main", 0, "is_multi_region_trail"]
}

test_true_allowed if {
	count(rule.warn) == 0 with input as trail({"is_multi_region_trail": true})
	count(rule.warn) == 0 with input as trail({"is_multi_region_trail": "true"})
}

test_unresolved_allowed if {
	count(rule.warn) == 0 with input as trail({"is_multi_region_trail": "${var.flag}"})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_cloudtrail.main",
	"mode": "managed",
	"type": "aws_cloudtrail",
	"name": "main",
	"values": values,
}]}}}

test_plan_false_warned if {
	r := rule.warn with input as plan({"name": "main", "is_multi_region_trail": false})
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "is_multi_region_trail"]
}

test_plan_true_allowed if {
	count(rule.warn) == 0 with input as plan({"name": "main", "is_multi_region_trail": true})
}
