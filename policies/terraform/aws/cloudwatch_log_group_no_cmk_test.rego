package tollgate.terraform.aws.cloudwatch_log_group_no_cmk_test

import data.tollgate.terraform.aws.cloudwatch_log_group_no_cmk as rule
import rego.v1

group(body) := {"resource": {"aws_cloudwatch_log_group": {"app": [object.union({"name": "/app/api", "retention_in_days": 365}, body)]}}}

test_without_key_warned if {
	r := rule.warn with input as group({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudwatch_log_group", "app", 0]
	count(rule.warn) == 1 with input as group({"kms_key_id": ""})
}

test_with_key_allowed if {
	count(rule.warn) == 0 with input as group({"kms_key_id": "${aws_kms_key.logs.arn}"})
	count(rule.warn) == 0 with input as group({"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{"address": "aws_cloudwatch_log_group.app", "mode": "managed", "type": "aws_cloudwatch_log_group", "name": "app", "values": values}]}}}

test_plan if {
	count(rule.warn) == 1 with input as plan({"name": "/app/api", "kms_key_id": null})
	count(rule.warn) == 0 with input as plan({"name": "/app/api"})
}
