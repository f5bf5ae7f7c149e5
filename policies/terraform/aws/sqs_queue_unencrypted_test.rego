package tollgate.terraform.aws.sqs_queue_unencrypted_test

import data.tollgate.terraform.aws.sqs_queue_unencrypted as rule
import rego.v1

queue(body) := {"resource": {"aws_sqs_queue": {"jobs": [object.union({"name": "jobs"}, body)]}}}

test_missing_encryption_warned if {
	r := rule.warn with input as queue({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_sqs_queue", "jobs", 0]
}

test_sse_false_warned if {
	r := rule.warn with input as queue({"sqs_managed_sse_enabled": false})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_sqs_queue", "jobs", 0, "sqs_managed_sse_enabled"]
}

test_sqs_managed_sse_allowed if {
	count(rule.warn) == 0 with input as queue({"sqs_managed_sse_enabled": true})
}

test_kms_key_allowed if {
	count(rule.warn) == 0 with input as queue({"kms_master_key_id": "alias/aws/sqs"})
	count(rule.warn) == 0 with input as queue({"kms_master_key_id": "${aws_kms_key.sqs.arn}", "kms_data_key_reuse_period_seconds": 300})
}

test_unresolved_allowed if {
	count(rule.warn) == 0 with input as queue({"sqs_managed_sse_enabled": "${var.sse}"})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_sqs_queue.jobs",
	"mode": "managed",
	"type": "aws_sqs_queue",
	"name": "jobs",
	"values": values,
}]}}}

test_plan_false_warned if {
	count(rule.warn) == 1 with input as plan({"name": "jobs", "kms_master_key_id": null, "sqs_managed_sse_enabled": false})
}

test_plan_unknown_allowed if {
	count(rule.warn) == 0 with input as plan({"name": "jobs", "kms_master_key_id": null})
}
