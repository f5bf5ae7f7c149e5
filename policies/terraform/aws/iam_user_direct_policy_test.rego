package tollgate.terraform.aws.iam_user_direct_policy_test

import data.tollgate.terraform.aws.iam_user_direct_policy as rule
import rego.v1

test_inline_user_policy_warned if {
	r := rule.warn with input as {"resource": {"aws_iam_user_policy": {"ci": [{"user": "${aws_iam_user.ci.name}", "policy": "{}"}]}}}
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_iam_user_policy", "ci", 0]
	f.msg == "IAM user policy `aws_iam_user_policy.ci` grants permissions directly to user `aws_iam_user.ci.name` instead of through a group"
}

test_user_attachment_warned if {
	r := rule.warn with input as {"resource": {"aws_iam_user_policy_attachment": {"ci": [{"user": "ci-bot", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}}}
	count(r) == 1
	some f in r
	f.msg == "IAM policy attachment `aws_iam_user_policy_attachment.ci` attaches a policy directly to user `ci-bot` instead of to a group"
}

test_policy_attachment_users_warned if {
	r := rule.warn with input as {"resource": {"aws_iam_policy_attachment": {"read": [{"name": "read", "users": ["alice"], "groups": ["ops"], "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}}}
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_iam_policy_attachment", "read", 0, "users"]
}

test_policy_attachment_groups_and_roles_allowed if {
	count(rule.warn) == 0 with input as {"resource": {"aws_iam_policy_attachment": {"read": [{"name": "read", "groups": ["ops"], "roles": ["app"], "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}}}
	count(rule.warn) == 0 with input as {"resource": {"aws_iam_policy_attachment": {"read": [{"name": "read", "users": [], "groups": ["ops"], "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}}}
}

test_group_attachment_allowed if {
	count(rule.warn) == 0 with input as {"resource": {"aws_iam_group_policy_attachment": {"ops": [{"group": "ops", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}}}
}

test_exclusive_lists if {
	r := rule.warn with input as {"resource": {"aws_iam_user_policy_attachments_exclusive": {"ci": [{"user_name": "ci", "policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}]}}}
	count(r) == 1
	count(rule.warn) == 0 with input as {"resource": {"aws_iam_user_policies_exclusive": {"ci": [{"user_name": "ci", "policy_names": []}]}}}
}

test_plan_user_attachment_warned if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "aws_iam_user_policy_attachment.ci",
		"mode": "managed",
		"type": "aws_iam_user_policy_attachment",
		"name": "ci",
		"values": {"user": "ci-bot", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
	}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values"]
}
