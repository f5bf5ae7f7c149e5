package tollgate.terraform.aws.s3_bucket_public_access_block_missing_test

import data.tollgate.terraform.aws.s3_bucket_public_access_block_missing as rule
import rego.v1

bucket := {"aws_s3_bucket": {"data": [{"bucket": "acme-data"}]}}

all_on := {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}

pab(ref) := {"aws_s3_bucket_public_access_block": {"data": [object.union(all_on, {"bucket": ref})]}}

test_bucket_without_block_denied if {
	mod := {"resource": bucket}
	r := rule.deny with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket", "data", 0]
}

test_block_in_other_file_allowed if {
	count(rule.deny) == 0 with input as {"resource": bucket}
		with data.tollgate.module as {"resource": object.union(bucket, pab("${aws_s3_bucket.data.id}"))}
}

test_block_by_literal_name_allowed if {
	mod := {"resource": object.union(bucket, pab("acme-data"))}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
}

test_block_for_each_bucket_allowed if {
	mod := {"resource": object.union(bucket, pab("${each.value.id}"))}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
}

test_block_of_other_bucket_denied if {
	mod := {"resource": object.union(bucket, pab("${aws_s3_bucket.logs.id}"))}
	r := rule.deny with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket", "data", 0]
}

test_account_level_block_allowed if {
	mod := {"resource": object.union(bucket, {"aws_s3_account_public_access_block": {"this": [all_on]}})}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
}

test_setting_false_denied if {
	body := object.union(all_on, {"bucket": "${aws_s3_bucket.data.id}", "restrict_public_buckets": false})
	mod := {"resource": object.union(bucket, {"aws_s3_bucket_public_access_block": {"data": [body]}})}
	r := rule.deny with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket_public_access_block", "data", 0, "restrict_public_buckets"]
}

test_setting_missing_denied if {
	body := {"bucket": "${aws_s3_bucket.data.id}", "block_public_acls": true, "block_public_policy": true}
	mod := {"resource": object.union(bucket, {"aws_s3_bucket_public_access_block": {"data": [body]}})}
	r := rule.deny with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket_public_access_block", "data", 0]
}

test_unresolved_setting_allowed if {
	body := object.union(all_on, {"bucket": "${aws_s3_bucket.data.id}", "block_public_policy": "${var.block_policy}"})
	mod := {"resource": object.union(bucket, {"aws_s3_bucket_public_access_block": {"data": [body]}})}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
}

plan_resource(type, name, values) := {"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name, "values": values}

test_plan_with_block_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [
		plan_resource("aws_s3_bucket", "data", {"bucket": "acme-data"}),
		plan_resource("aws_s3_bucket_public_access_block", "data", object.union(all_on, {"bucket": "acme-data"})),
	]}}}
	count(rule.deny) == 0 with input as plan
}

test_plan_without_block_denied if {
	plan := {"planned_values": {"root_module": {"resources": [plan_resource("aws_s3_bucket", "data", {"bucket": "acme-data"})]}}}
	r := rule.deny with input as plan
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values"]
}

test_plan_unknown_name_related_by_configuration_allowed if {
	plan := {
		"planned_values": {"root_module": {"child_modules": [{"resources": [
			object.union(plan_resource("aws_s3_bucket", "data", {"bucket_prefix": "data-"}), {"address": "module.store.aws_s3_bucket.data"}),
			object.union(plan_resource("aws_s3_bucket_public_access_block", "data", all_on), {"address": "module.store.aws_s3_bucket_public_access_block.data"}),
		]}]}},
		"configuration": {"root_module": {"module_calls": {"store": {"module": {"resources": [{
			"address": "aws_s3_bucket_public_access_block.data",
			"expressions": {"bucket": {"references": ["aws_s3_bucket.data.id", "aws_s3_bucket.data"]}},
		}]}}}}},
	}
	count(rule.deny) == 0 with input as plan
}

test_plan_false_setting_denied if {
	plan := {"planned_values": {"root_module": {"resources": [
		plan_resource("aws_s3_bucket", "data", {"bucket": "acme-data"}),
		plan_resource("aws_s3_bucket_public_access_block", "data", object.union(all_on, {"bucket": "acme-data", "block_public_acls": false})),
	]}}}
	count(rule.deny) == 1 with input as plan
}

test_plan_unknown_name_block_of_other_bucket_denied if {
	plan := {
		"planned_values": {"root_module": {"resources": [
			plan_resource("aws_s3_bucket", "data", {"bucket_prefix": "data-"}),
			plan_resource("aws_s3_bucket_public_access_block", "logs", all_on),
		]}},
		"configuration": {"root_module": {"resources": [{
			"address": "aws_s3_bucket_public_access_block.logs",
			"expressions": {"bucket": {"references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]}},
		}]}},
	}
	count(rule.deny) == 1 with input as plan
}

# terraform-aws-modules/s3-bucket chains the block after the bucket policy:
# `bucket = local.attach_policy ? aws_s3_bucket_policy.this[0].id : aws_s3_bucket.this[0].id`.
test_block_by_conditional_indexed_reference_allowed if {
	mod := {"resource": object.union(bucket, pab("${local.attach_policy ? aws_s3_bucket_policy.this[0].id : aws_s3_bucket.data[0].id}"))}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
}

test_block_by_instance_key_allowed if {
	every ref in ["${aws_s3_bucket.data[0].id}", "${aws_s3_bucket.data[\"k\"].bucket}", "${aws_s3_bucket.data.*.id}"] {
		mod := {"resource": object.union(bucket, pab(ref))}
		count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
	}
}

test_block_of_other_counted_bucket_denied if {
	mod := {"resource": object.union(bucket, pab("${aws_s3_bucket.data_logs[0].id}"))}
	count(rule.deny) == 1 with input as mod with data.tollgate.module as mod
}
