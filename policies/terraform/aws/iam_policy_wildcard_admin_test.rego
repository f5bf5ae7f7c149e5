package tollgate.terraform.aws.iam_policy_wildcard_admin_test

import data.tollgate.terraform.aws.iam_policy_wildcard_admin as rule
import rego.v1

policy(type, p) := {"resource": {type: {"admin": [{"name": "admin", "policy": p}]}}}

admin := json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})

test_jsonencode_admin_policy_denied if {
	r := rule.deny with input as policy("aws_iam_policy", admin)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_iam_policy", "admin", 0, "policy"]
}

test_list_forms_and_star_colon_star_denied if {
	p := json.marshal({"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "*:*"], "Resource": ["*"]}]})
	count(rule.deny) == 1 with input as policy("aws_iam_role_policy", p)
}

test_heredoc_user_and_group_policies_denied if {
	heredoc := `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": "*",
    "Resource": "*"
  }
}`
	count(rule.deny) == 1 with input as policy("aws_iam_user_policy", heredoc)
	count(rule.deny) == 1 with input as policy("aws_iam_group_policy", heredoc)
}

test_role_inline_policy_denied if {
	role := {"resource": {"aws_iam_role": {"ops": [{"name": "ops", "assume_role_policy": "{}", "inline_policy": [{"name": "all", "policy": admin}]}]}}}
	r := rule.deny with input as role
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_iam_role", "ops", 0, "inline_policy", 0, "policy"]
}

test_scoped_policy_allowed if {
	p := json.marshal({"Statement": [
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::acme-data/*"},
		{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
	]})
	count(rule.deny) == 0 with input as policy("aws_iam_policy", p)
}

test_unresolved_policy_allowed if {
	count(rule.deny) == 0 with input as policy("aws_iam_policy", "${file(\"policies/admin.json\")}")
}

document(statement) := {"aws_iam_policy_document": {"admin": [{"statement": [{"actions": ["s3:ListAllMyBuckets"], "resources": ["*"]}, statement]}]}}

test_data_source_used_in_other_file_denied if {
	inp := {"data": document({"actions": ["*"], "resources": ["*"]})}
	mod := object.union(inp, policy("aws_iam_policy", "${data.aws_iam_policy_document.admin.json}"))
	r := rule.deny with input as inp with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["data", "aws_iam_policy_document", "admin", 0, "statement", 1]
}

test_data_source_used_by_role_inline_policy_denied if {
	inp := {"data": document({"effect": "Allow", "actions": ["*:*"], "resources": ["*"]})}
	mod := object.union(inp, {"resource": {"aws_iam_role": {"ops": [{"inline_policy": [{"name": "all", "policy": "${data.aws_iam_policy_document.admin.json}"}]}]}}})
	count(rule.deny) == 1 with input as inp with data.tollgate.module as mod
}

test_data_source_policy_file_itself_not_reported if {
	# The finding is on the data source, so the file holding only the aws_iam_policy stays clean.
	inp := policy("aws_iam_policy", "${data.aws_iam_policy_document.admin.json}")
	mod := object.union(inp, {"data": document({"actions": ["*"], "resources": ["*"]})})
	count(rule.deny) == 0 with input as inp with data.tollgate.module as mod
}

test_data_source_scoped_allowed if {
	inp := {"data": document({"actions": ["*"], "resources": ["arn:aws:s3:::acme-data"]})}
	mod := object.union(inp, policy("aws_iam_policy", "${data.aws_iam_policy_document.admin.json}"))
	count(rule.deny) == 0 with input as inp with data.tollgate.module as mod
}

test_data_source_deny_allowed if {
	inp := {"data": document({"effect": "Deny", "actions": ["*"], "resources": ["*"]})}
	mod := object.union(inp, policy("aws_iam_policy", "${data.aws_iam_policy_document.admin.json}"))
	count(rule.deny) == 0 with input as inp with data.tollgate.module as mod
}

test_data_source_for_scp_not_reported if {
	# FullAWSAccess-style SCP content is not an IAM grant.
	inp := {"data": document({"actions": ["*"], "resources": ["*"]})}
	mod := object.union(inp, {"resource": {"aws_organizations_policy": {"full": [{"content": "${data.aws_iam_policy_document.admin.json}"}]}}})
	count(rule.deny) == 0 with input as inp with data.tollgate.module as mod
}

test_plan_admin_policy_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "aws_iam_policy.admin",
		"mode": "managed",
		"type": "aws_iam_policy",
		"name": "admin",
		"values": {"name": "admin", "policy": admin},
	}]}}}
	r := rule.deny with input as plan
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "policy"]
}
