package tollgate.terraform.aws.s3_bucket_unencrypted_test

import data.tollgate.terraform.aws.s3_bucket_unencrypted as rule
import rego.v1

bucket(body) := {"aws_s3_bucket": {"data": [object.union({"bucket": "acme-data"}, body)]}}

sse(ref) := {"aws_s3_bucket_server_side_encryption_configuration": {"data": [{
	"bucket": ref,
	"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}],
}]}}

test_bucket_without_encryption_denied if {
	mod := {"resource": bucket({})}
	r := rule.deny with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket", "data", 0]
}

test_companion_in_other_file_allowed if {
	count(rule.deny) == 0 with input as {"resource": bucket({})}
		with data.tollgate.module as {"resource": object.union(bucket({}), sse("${aws_s3_bucket.data.id}"))}
}

test_companion_by_bucket_attribute_reference_allowed if {
	mod := {"resource": object.union(bucket({}), sse("${aws_s3_bucket.data.bucket}"))}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
}

test_companion_of_other_bucket_denied if {
	mod := {"resource": object.union(bucket({}), sse("${aws_s3_bucket.data_logs.id}"))}
	count(rule.deny) == 1 with input as mod with data.tollgate.module as mod
}

test_inline_encryption_allowed if {
	body := {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}]}
	mod := {"resource": bucket(body)}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
}

test_companion_with_unresolved_bucket_allowed if {
	mod := {"resource": object.union(bucket({}), sse("${var.bucket_name}"))}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
}

plan_resource(type, name, values) := {"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name, "values": values}

test_plan_companion_by_name_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [
		plan_resource("aws_s3_bucket", "data", {"bucket": "acme-data"}),
		plan_resource("aws_s3_bucket_server_side_encryption_configuration", "data", {"bucket": "acme-data", "rule": []}),
	]}}}
	count(rule.deny) == 0 with input as plan
}

test_plan_without_encryption_denied if {
	plan := {"planned_values": {"root_module": {"resources": [plan_resource("aws_s3_bucket", "data", {"bucket": "acme-data"})]}}}
	count(rule.deny) == 1 with input as plan
}

# terraform-aws-modules/s3-bucket: a `count` bucket, its companion refers to `aws_s3_bucket.this[0].id`,
# has an unresolved `count` and builds its `rule` with a dynamic block.
test_counted_bucket_companion_with_dynamic_rule_allowed if {
	mod := {"resource": {
		"aws_s3_bucket": {"this": [{"bucket": "${var.bucket}", "count": "${local.create_bucket ? 1 : 0}"}]},
		"aws_s3_bucket_server_side_encryption_configuration": {"this": [{
			"bucket": "${aws_s3_bucket.this[0].id}",
			"count": "${local.create_bucket && length(keys(var.server_side_encryption_configuration)) > 0 ? 1 : 0}",
			"dynamic": {"rule": [{
				"for_each": "${try(flatten([var.server_side_encryption_configuration[\"rule\"]]), [])}",
				"content": [{"bucket_key_enabled": "${try(rule.value.bucket_key_enabled, null)}"}],
			}]},
		}]},
	}}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
}

test_companion_by_instance_key_splat_or_conditional_allowed if {
	every ref in [
		"${aws_s3_bucket.data[\"primary\"].id}",
		"${aws_s3_bucket.data[each.key].id}",
		"${aws_s3_bucket.data[*].id}",
		"${aws_s3_bucket.data.*.id}",
		"${var.create ? aws_s3_bucket.data[0].id : null}",
		"${try(aws_s3_bucket.data[0].id, \"\")}",
	] {
		mod := {"resource": object.union(bucket({}), sse(ref))}
		count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
	}
}

test_companion_of_longer_named_bucket_or_data_source_denied if {
	every ref in ["${aws_s3_bucket.data_logs[0].id}", "${data.aws_s3_bucket.data.id}"] {
		mod := {"resource": object.union(bucket({}), sse(ref))}
		count(rule.deny) == 1 with input as mod with data.tollgate.module as mod
	}
}
