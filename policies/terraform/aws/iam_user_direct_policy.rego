# METADATA
# title: IAM policy attached directly to a user
# description: >-
#   Inline user policies and policies attached to individual users scatter permissions across users, so
#   they are hard to review and are easily left behind when people change roles. Grant permissions
#   through groups (or, better, roles assumed through federation) instead.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_group_policy_attachment
# custom:
#   id: TG-AWS-IAM-004
#   severity: low
#   enforcement: warn
#   remediation: |
#     Attach the policy to a group and make the user a member:
#
#         resource "aws_iam_group" "deployers" {
#           name = "deployers"
#         }
#
#         resource "aws_iam_group_policy_attachment" "deployers" {
#           group      = aws_iam_group.deployers.name
#           policy_arn = aws_iam_policy.deploy.arn
#         }
#
#         resource "aws_iam_user_group_membership" "ci" {
#           user   = aws_iam_user.ci.name
#           groups = [aws_iam_group.deployers.name]
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 1.15
#     - AWS Foundational Security Best Practices IAM.2
#     - NIST SP 800-53 AC-2, AC-6
#   resource_types: [aws_iam_user_policy, aws_iam_user_policy_attachment, aws_iam_policy_attachment, aws_iam_user_policies_exclusive, aws_iam_user_policy_attachments_exclusive]
package tollgate.terraform.aws.iam_user_direct_policy

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("IAM user policy `%s` grants permissions directly to %s instead of through a group", [r.address, user_name(object.get(r.body, "user", null))]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_iam_user_policy")
}

warn contains {
	"msg": sprintf("IAM policy attachment `%s` attaches a policy directly to %s instead of to a group", [r.address, user_name(object.get(r.body, "user", null))]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_iam_user_policy_attachment")
}

# aws_iam_policy_attachment with a non-empty `users` list.
warn contains {
	"msg": sprintf("IAM policy attachment `%s` attaches a policy directly to users instead of to groups", [r.address]),
	"path": array.concat(r.path, ["users"]),
} if {
	some r in tf.resources_of("aws_iam_policy_attachment")
	is_array(r.body.users)
	count(r.body.users) > 0
}

# Exclusive lists of a user's inline policy names / attached policy ARNs, when they list any.
warn contains {
	"msg": sprintf("`%s` keeps policies attached directly to %s instead of to a group", [r.address, user_name(object.get(r.body, "user_name", null))]),
	"path": array.concat(r.path, [attr]),
} if {
	some [type, attr] in [["aws_iam_user_policies_exclusive", "policy_names"], ["aws_iam_user_policy_attachments_exclusive", "policy_arns"]]
	some r in tf.resources_of(type)
	is_array(r.body[attr])
	count(r.body[attr]) > 0
}

user_name(u) := sprintf("user `%s`", [u]) if {
	is_string(u)
	tf.is_known(u)
}

user_name(u) := "a user" if not is_string(u)

user_name(u) := sprintf("user `%s`", [regex.replace(u, `^\$\{(.*)\}$`, "$1")]) if tf.is_unknown(u)
