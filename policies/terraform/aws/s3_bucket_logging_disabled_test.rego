package tollgate.terraform.aws.s3_bucket_logging_disabled_test

import data.tollgate.terraform.aws.s3_bucket_logging_disabled as rule
import rego.v1

buckets := {"aws_s3_bucket": {
	"data": [{"bucket": "acme-data"}],
	"logs": [{"bucket": "acme-access-logs"}],
}}

logging(ref, target) := {"aws_s3_bucket_logging": {"data": [{"bucket": ref, "target_bucket": target, "target_prefix": "data/"}]}}

test_bucket_without_logging_warned if {
	mod := {"resource": {"aws_s3_bucket": {"data": [{"bucket": "acme-data"}]}}}
	r := rule.warn with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket", "data", 0]
}

test_logging_in_other_file_and_target_bucket_allowed if {
	count(rule.warn) == 0 with input as {"resource": buckets}
		with data.tollgate.module as {"resource": object.union(buckets, logging("${aws_s3_bucket.data.id}", "${aws_s3_bucket.logs.id}"))}
}

test_logging_by_literal_names_allowed if {
	mod := {"resource": object.union(buckets, logging("acme-data", "acme-access-logs"))}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod
}

test_inline_logging_allowed if {
	b := {"aws_s3_bucket": {
		"data": [{"bucket": "acme-data", "logging": [{"target_bucket": "${aws_s3_bucket.logs.id}", "target_prefix": "data/"}]}],
		"logs": [{"bucket": "acme-access-logs"}],
	}}
	count(rule.warn) == 0 with input as {"resource": b} with data.tollgate.module as {"resource": b}
}

test_logging_to_external_bucket_warns_only_unlogged if {
	mod := {"resource": object.union(buckets, logging("${aws_s3_bucket.data.id}", "${var.central_log_bucket}"))}
	r := rule.warn with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket", "logs", 0]
}

plan_resource(type, name, values) := {"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name, "values": values}

test_plan_logging_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [
		plan_resource("aws_s3_bucket", "data", {"bucket": "acme-data"}),
		plan_resource("aws_s3_bucket", "logs", {"bucket": "acme-access-logs"}),
		plan_resource("aws_s3_bucket_logging", "data", {"bucket": "acme-data", "target_bucket": "acme-access-logs", "target_prefix": "data/"}),
	]}}}
	count(rule.warn) == 0 with input as plan
}

test_plan_without_logging_warned if {
	plan := {"planned_values": {"root_module": {"resources": [plan_resource("aws_s3_bucket", "data", {"bucket": "acme-data", "logging": []})]}}}
	count(rule.warn) == 1 with input as plan
}

# terraform-aws-modules/s3-bucket: companions of `count` buckets refer to `aws_s3_bucket.x[0].id`.
test_logging_of_counted_buckets_allowed if {
	mod := {"resource": object.union(buckets, logging("${aws_s3_bucket.data[0].id}", "${aws_s3_bucket.logs[0].id}"))}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod
}

test_logging_with_unresolved_target_of_counted_bucket_warns_only_unlogged if {
	mod := {"resource": object.union(buckets, logging("${aws_s3_bucket.data[0].id}", "${var.logging[\"target_bucket\"]}"))}
	r := rule.warn with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket", "logs", 0]
}
