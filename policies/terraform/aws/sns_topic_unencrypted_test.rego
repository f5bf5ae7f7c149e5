package tollgate.terraform.aws.sns_topic_unencrypted_test

import data.tollgate.terraform.aws.sns_topic_unencrypted as rule
import rego.v1

topic(body) := {"resource": {"aws_sns_topic": {"alerts": [object.union({"name": "alerts"}, body)]}}}

test_missing_key_warned if {
	r := rule.warn with input as topic({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_sns_topic", "alerts", 0]
}

test_empty_key_warned if {
	r := rule.warn with input as topic({"kms_master_key_id": ""})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_sns_topic", "alerts", 0, "kms_master_key_id"]
}

test_key_allowed if {
	count(rule.warn) == 0 with input as topic({"kms_master_key_id": "alias/aws/sns"})
	count(rule.warn) == 0 with input as topic({"kms_master_key_id": "${aws_kms_key.sns.id}"})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_sns_topic.alerts",
	"mode": "managed",
	"type": "aws_sns_topic",
	"name": "alerts",
	"values": values,
}]}}}

test_plan_null_key_warned if {
	count(rule.warn) == 1 with input as plan({"name": "alerts", "kms_master_key_id": null})
}

test_plan_key_allowed if {
	count(rule.warn) == 0 with input as plan({"name": "alerts", "kms_master_key_id": "alias/aws/sns"})
	count(rule.warn) == 0 with input as plan({"name": "alerts"})
}
