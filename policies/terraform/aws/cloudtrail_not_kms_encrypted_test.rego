package tollgate.terraform.aws.cloudtrail_not_kms_encrypted_test

import data.tollgate.terraform.aws.cloudtrail_not_kms_encrypted as rule
import rego.v1

trail(body) := {"resource": {"aws_cloudtrail": {"main": [object.union({"name": "main", "s3_bucket_name": "acme-trail"}, body)]}}}

test_missing_key_warned if {
	r := rule.warn with input as trail({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudtrail", "main", 0]
}

test_empty_key_warned if {
	r := rule.warn with input as trail({"kms_key_id": ""})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudtrail", "main", 0, "kms_key_id"]
}

test_key_allowed if {
	count(rule.warn) == 0 with input as trail({"kms_key_id": "${aws_kms_key.trail.arn}"})
	count(rule.warn) == 0 with input as trail({"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_cloudtrail.main",
	"mode": "managed",
	"type": "aws_cloudtrail",
	"name": "main",
	"values": values,
}]}}}

test_plan_null_key_warned if {
	count(rule.warn) == 1 with input as plan({"name": "main", "kms_key_id": null})
}

test_plan_unknown_key_allowed if {
	# kms_key_id = aws_kms_key.trail.arn of a key created in the same plan: unknown, omitted.
	count(rule.warn) == 0 with input as plan({"name": "main"})
}
