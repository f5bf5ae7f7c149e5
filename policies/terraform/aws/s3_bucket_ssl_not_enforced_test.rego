package tollgate.terraform.aws.s3_bucket_ssl_not_enforced_test

import data.tollgate.terraform.aws.s3_bucket_ssl_not_enforced as rule
import data.tollgate.lib.terraform as tf
import rego.v1

# The module's resources by type, as tollgate indexes them (`data.tollgate.module_resources`).
idx(mod) := {type: tf.block_resources_of(mod.resource, type) | some type, _ in object.get(mod, "resource", {})}

bucket := {"aws_s3_bucket": {"data": [{"bucket": "acme-data"}]}}

deny_insecure := {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}

allow_reader := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-data/*"}

bucket_policy(statements) := {"aws_s3_bucket_policy": {"data": [{"bucket": "${aws_s3_bucket.data.id}", "policy": json.marshal({"Version": "2012-10-17", "Statement": statements})}]}}

module(resources) := {"resource": resources}

test_bucket_without_policy_warned if {
	mod := module(bucket)
	r := rule.warn with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket", "data", 0]
}

test_policy_with_tls_deny_allowed if {
	mod := module(object.union(bucket, bucket_policy([allow_reader, deny_insecure])))
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_policy_without_tls_deny_warned if {
	mod := module(object.union(bucket, bucket_policy([allow_reader])))
	r := rule.warn with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket_policy", "data", 0, "policy"]
}

test_policy_in_other_file_allowed if {
	count(rule.warn) == 0 with input as module(bucket) with data.tollgate.module as module(object.union(bucket, bucket_policy([allow_reader]))) with data.tollgate.module_resources as idx(module(object.union(bucket, bucket_policy([allow_reader]))))
}

test_unresolved_policy_allowed if {
	res := object.union(bucket, {"aws_s3_bucket_policy": {"data": [{"bucket": "${aws_s3_bucket.data.id}", "policy": "${var.policy}"}]}})
	count(rule.warn) == 0 with input as module(res) with data.tollgate.module as module(res) with data.tollgate.module_resources as idx(module(res))
}

test_policy_of_for_each_bucket_allowed if {
	res := object.union(bucket, {"aws_s3_bucket_policy": {"all": [{"bucket": "${each.value.id}", "policy": "${var.policy}"}]}})
	count(rule.warn) == 0 with input as module(bucket) with data.tollgate.module as module(res) with data.tollgate.module_resources as idx(module(res))
}

document(statements) := {"aws_iam_policy_document": {"data": [{"statement": statements}]}}

doc_policy := {"aws_s3_bucket_policy": {"data": [{"bucket": "${aws_s3_bucket.data.id}", "policy": "${data.aws_iam_policy_document.data.json}"}]}}

test_document_with_tls_deny_allowed if {
	mod := {"resource": object.union(bucket, doc_policy), "data": document([
		{"actions": ["s3:GetObject"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::111122223333:root"]}]},
		{"effect": "Deny", "actions": ["s3:*"], "resources": ["*"], "principals": [{"type": "*", "identifiers": ["*"]}], "condition": [{"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}]},
	])}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_document_without_tls_deny_warned if {
	mod := {"resource": object.union(bucket, doc_policy), "data": document([{"actions": ["s3:GetObject"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::111122223333:root"]}]}])}
	r := rule.warn with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket_policy", "data", 0, "policy"]
}

test_document_merging_other_documents_allowed if {
	mod := {"resource": object.union(bucket, doc_policy), "data": {"aws_iam_policy_document": {"data": [{"source_policy_documents": "${compact([local.tls_policy])}", "statement": [{"actions": ["s3:GetObject"], "resources": ["*"]}]}]}}}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_website_bucket_allowed if {
	res := object.union(bucket, {"aws_s3_bucket_website_configuration": {"data": [{"bucket": "${aws_s3_bucket.data.id}", "index_document": [{"suffix": "index.html"}]}]}})
	count(rule.warn) == 0 with input as module(res) with data.tollgate.module as module(res) with data.tollgate.module_resources as idx(module(res))
}

inline(statements) := {"resource": {"aws_s3_bucket": {"data": [{"bucket": "acme-data", "policy": json.marshal({"Statement": statements})}]}}}

test_legacy_inline_policy if {
	r := rule.warn with input as inline([allow_reader]) with data.tollgate.module as inline([allow_reader]) with data.tollgate.module_resources as idx(inline([allow_reader]))
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket", "data", 0, "policy"]
	count(rule.warn) == 0 with input as inline([deny_insecure]) with data.tollgate.module as inline([deny_insecure]) with data.tollgate.module_resources as idx(inline([deny_insecure]))
}

plan_resource(type, name, values) := {"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name, "values": values}

test_plan if {
	with_deny := {"planned_values": {"root_module": {"resources": [
		plan_resource("aws_s3_bucket", "data", {"bucket": "acme-data"}),
		plan_resource("aws_s3_bucket_policy", "data", {"bucket": "acme-data", "policy": json.marshal({"Statement": [deny_insecure]})}),
	]}}}
	count(rule.warn) == 0 with input as with_deny
	without := {"planned_values": {"root_module": {"resources": [plan_resource("aws_s3_bucket", "data", {"bucket": "acme-data"})]}}}
	r := rule.warn with input as without
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values"]
}
