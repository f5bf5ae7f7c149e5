package tollgate.terraform.aws.cloudtrail_global_events_disabled_test

import data.tollgate.terraform.aws.cloudtrail_global_events_disabled as rule
import rego.v1

trail(body) := {"resource": {"aws_cloudtrail": {"main": [object.union({"name": "main", "s3_bucket_name": "acme-trail"}, body)]}}}

test_false_warned if {
	r := rule.warn with input as trail({"include_global_service_events": false})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudtrail", "main", 0, "include_global_service_events"]
	f.msg == "CloudTrail trail `aws_cloudtrail.main` sets `include_global_service_events = false` and does not record IAM, STS or CloudFront events"
	count(rule.warn) == 1 with input as trail({"include_global_service_events": "false"})
}

test_default_and_true_allowed if {
	count(rule.warn) == 0 with input as trail({})
	count(rule.warn) == 0 with input as trail({"include_global_service_events": true})
}

test_unresolved_allowed if {
	count(rule.warn) == 0 with input as trail({"include_global_service_events": "${var.global_events}"})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_cloudtrail.main",
	"mode": "managed",
	"type": "aws_cloudtrail",
	"name": "main",
	"values": values,
}]}}}

test_plan if {
	r := rule.warn with input as plan({"name": "main", "include_global_service_events": false})
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "include_global_service_events"]
	count(rule.warn) == 0 with input as plan({"name": "main", "include_global_service_events": true})
}
