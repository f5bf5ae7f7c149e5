package tollgate.terraform.aws.iam_policy_service_wildcard_test

import data.tollgate.terraform.aws.iam_policy_service_wildcard as rule
import data.tollgate.lib.terraform as tf
import rego.v1

# The module's resources by type, as tollgate indexes them (`data.tollgate.module_resources`).
idx(mod) := {type: tf.block_resources_of(mod.resource, type) | some type, _ in object.get(mod, "resource", {})}

policy(type, doc) := {"resource": {type: {"app": [{"name": "app", "policy": json.marshal(doc)}]}}}

test_service_wildcard_warned if {
	doc := {"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": ["s3:*", "sqs:SendMessage"], "Resource": "arn:aws:s3:::acme/*"},
		{"Effect": "Allow", "Action": "kms:*", "Resource": "*"},
	]}
	r := rule.warn with input as policy("aws_iam_policy", doc)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_iam_policy", "app", 0, "policy"]
	f.msg == "IAM policy `aws_iam_policy.app` allows every action of a service (`kms:*`, `s3:*`)"
}

test_role_policy_statement_object_warned if {
	doc := {"Statement": {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}}
	count(rule.warn) == 1 with input as policy("aws_iam_role_policy", doc)
}

test_specific_and_partial_wildcard_actions_allowed if {
	doc := {"Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "ec2:DescribeInstances"], "Resource": "*"}]}
	count(rule.warn) == 0 with input as policy("aws_iam_policy", doc)
}

test_deny_and_full_wildcard_not_reported if {
	doc := {"Statement": [
		{"Effect": "Deny", "Action": "iam:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
	]}
	count(rule.warn) == 0 with input as policy("aws_iam_policy", doc)
}

test_unresolved_policy_allowed if {
	count(rule.warn) == 0 with input as {"resource": {"aws_iam_policy": {"app": [{"policy": "${jsonencode(local.doc)}"}]}}}
}

test_role_inline_policy_warned if {
	inp := {"resource": {"aws_iam_role": {"app": [{"name": "app", "inline_policy": [{"name": "data", "policy": json.marshal({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})}]}]}}}
	r := rule.warn with input as inp
	some f in r
	f.path == ["resource", "aws_iam_role", "app", 0, "inline_policy", 0, "policy"]
}

test_data_source_used_by_policy_warned if {
	mod := {
		"data": {"aws_iam_policy_document": {"app": [{"statement": [
			{"actions": ["s3:GetObject"], "resources": ["*"]},
			{"actions": ["sqs:*"], "resources": ["*"]},
		]}]}},
		"resource": {"aws_iam_role_policy": {"app": [{"role": "app", "policy": "${data.aws_iam_policy_document.app.json}"}]}},
	}
	r := rule.warn with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
	count(r) == 1
	some f in r
	f.path == ["data", "aws_iam_policy_document", "app", 0, "statement", 1]
}

test_data_source_unused_or_trust_policy_allowed if {
	mod := {
		"data": {"aws_iam_policy_document": {"trust": [{"statement": [{"actions": ["sts:*"], "principals": [{"type": "Service", "identifiers": ["ec2.amazonaws.com"]}]}]}]}},
		"resource": {"aws_iam_role": {"app": [{"assume_role_policy": "${data.aws_iam_policy_document.trust.json}"}]}},
	}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_plan_warned if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "aws_iam_policy.app",
		"mode": "managed",
		"type": "aws_iam_policy",
		"name": "app",
		"values": {"policy": json.marshal({"Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]})},
	}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "policy"]
}
