package tollgate.terraform.aws.s3_bucket_versioning_disabled_test

import data.tollgate.terraform.aws.s3_bucket_versioning_disabled as rule
import rego.v1

bucket(body) := {"aws_s3_bucket": {"data": [object.union({"bucket": "acme-data"}, body)]}}

versioning(ref, status) := {"aws_s3_bucket_versioning": {"data": [{"bucket": ref, "versioning_configuration": [{"status": status}]}]}}

test_bucket_without_versioning_warned if {
	mod := {"resource": bucket({})}
	r := rule.warn with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket", "data", 0]
}

test_inline_versioning_false_warned_on_attribute if {
	mod := {"resource": bucket({"versioning": [{"enabled": false}]})}
	r := rule.warn with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket", "data", 0, "versioning", 0, "enabled"]
}

test_inline_versioning_enabled_allowed if {
	mod := {"resource": bucket({"versioning": [{"enabled": true}]})}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod
}

test_inline_versioning_unresolved_allowed if {
	mod := {"resource": bucket({"versioning": [{"enabled": "${var.versioning}"}]})}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod
}

test_companion_enabled_in_other_file_allowed if {
	count(rule.warn) == 0 with input as {"resource": bucket({})}
		with data.tollgate.module as {"resource": object.union(bucket({}), versioning("${aws_s3_bucket.data.id}", "Enabled"))}
}

test_companion_suspended_warned_on_status if {
	mod := {"resource": object.union(bucket({}), versioning("${aws_s3_bucket.data.id}", "Suspended"))}
	r := rule.warn with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket_versioning", "data", 0, "versioning_configuration", 0, "status"]
}

test_companion_unresolved_status_allowed if {
	mod := {"resource": object.union(bucket({}), versioning("${aws_s3_bucket.data.id}", "${var.versioning_status}"))}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod
}

test_companion_of_other_bucket_warned if {
	mod := {"resource": object.union(bucket({}), versioning("${aws_s3_bucket.other.id}", "Enabled"))}
	count(rule.warn) == 1 with input as mod with data.tollgate.module as mod
}

plan_resource(type, name, values) := {"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name, "values": values}

test_plan_companion_enabled_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [
		plan_resource("aws_s3_bucket", "data", {"bucket": "acme-data"}),
		plan_resource("aws_s3_bucket_versioning", "data", {"bucket": "acme-data", "versioning_configuration": [{"status": "Enabled", "mfa_delete": null}]}),
	]}}}
	count(rule.warn) == 0 with input as plan
}

test_plan_existing_bucket_versioning_off_warned if {
	plan := {"planned_values": {"root_module": {"resources": [plan_resource("aws_s3_bucket", "data", {"bucket": "acme-data", "versioning": [{"enabled": false, "mfa_delete": false}]})]}}}
	r := rule.warn with input as plan
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "versioning", 0, "enabled"]
}

test_repeated_versioning_blocks_single_finding if {
	mod := {"resource": bucket({"versioning": [{"enabled": false}, {"enabled": false}]})}
	count(rule.warn) == 1 with input as mod with data.tollgate.module as mod
}

# terraform-aws-modules/s3-bucket: companion of a `count` bucket with an unresolved status.
test_companion_of_counted_bucket_allowed if {
	every ref in ["${aws_s3_bucket.data[0].id}", "${aws_s3_bucket.data[\"k\"].id}", "${var.create ? aws_s3_bucket.data[0].id : \"\"}"] {
		mod := {"resource": object.union(bucket({}), versioning(ref, "${try(var.versioning[\"enabled\"] ? \"Enabled\" : \"Suspended\", null)}"))}
		count(rule.warn) == 0 with input as mod with data.tollgate.module as mod
	}
}

test_companion_of_counted_bucket_suspended_warned_on_status if {
	mod := {"resource": object.union(bucket({}), versioning("${aws_s3_bucket.data[0].id}", "Suspended"))}
	r := rule.warn with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket_versioning", "data", 0, "versioning_configuration", 0, "status"]
}

test_companion_of_longer_named_counted_bucket_warned if {
	mod := {"resource": object.union(bucket({}), versioning("${aws_s3_bucket.data_logs[0].id}", "Enabled"))}
	count(rule.warn) == 1 with input as mod with data.tollgate.module as mod
}
