# METADATA
# title: IAM policy grants full administrator access
# description: >-
#   A statement allowing every action (`*`) on every resource (`*`) makes whoever holds the policy a full
#   administrator of the account: they can read every secret, delete every resource and create new admin
#   credentials. Grant the specific actions and resources the workload needs (least privilege).
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
# custom:
#   id: TG-AWS-IAM-001
#   severity: critical
#   enforcement: block
#   remediation: |
#     List the actions and resources the principal actually uses (IAM Access Analyzer can generate them from
#     CloudTrail activity):
#
#         data "aws_iam_policy_document" "deployer" {
#           statement {
#             actions   = ["s3:GetObject", "s3:PutObject"]
#             resources = ["${aws_s3_bucket.artifacts.arn}/*"]
#           }
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 1.16
#     - AWS Foundational Security Best Practices IAM.1
#     - NIST SP 800-53 AC-6
#     - PCI DSS 7.1.2
#   resource_types: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role, aws_iam_policy_document]
package tollgate.terraform.aws.iam_policy_wildcard_admin

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import rego.v1

policy_types := ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]

kind := {
	"aws_iam_policy": "IAM policy",
	"aws_iam_role_policy": "IAM role policy",
	"aws_iam_user_policy": "IAM user policy",
	"aws_iam_group_policy": "IAM group policy",
}

# Policy given as a JSON string (jsonencode resolved, heredoc, or plan value).
deny contains {
	"msg": sprintf("%s `%s` allows all actions (`*`) on all resources (`*`)", [kind[type], r.address]),
	"path": array.concat(r.path, ["policy"]),
} if {
	some type in policy_types
	some r in tf.resources_of(type)
	admin_json(r.body.policy)
}

# Inline policy of an aws_iam_role.
deny contains {
	"msg": sprintf("Inline policy `%s` of IAM role `%s` allows all actions (`*`) on all resources (`*`)", [object.get(p, "name", ""), r.address]),
	"path": array.concat(r.path, ["inline_policy", i, "policy"]),
} if {
	some r in tf.resources_of("aws_iam_role")
	some i, p in blocks(r.body, "inline_policy")
	admin_json(p.policy)
}

# A policy document data source of this file, attached by an IAM policy of the module.
deny contains {
	"msg": sprintf("Statement of `data.aws_iam_policy_document.%s` allows all actions (`*`) on all resources (`*`) and is used by %s", [name, concat(", ", sort([sprintf("`%s`", [u]) | some u in users]))]),
	"path": ["data", "aws_iam_policy_document", name, k, "statement", i],
} if {
	documents := object.get(input, ["data", "aws_iam_policy_document"], {})
	is_object(documents)
	some name, docs in documents
	is_array(docs)
	some k, doc in docs
	is_object(doc)
	some i, s in blocks(doc, "statement")
	object.get(s, "effect", "Allow") == "Allow"
	some action in as_list(object.get(s, "actions", []))
	action in {"*", "*:*"}
	"*" in as_list(object.get(s, "resources", []))
	users := document_users(name)
	count(users) > 0
}

admin_json(policy) if {
	is_string(policy)
	json.is_valid(policy)
	doc := json.unmarshal(policy)
	is_object(doc)
	some s in as_list(doc.Statement)
	is_object(s)
	s.Effect == "Allow"
	some action in as_list(s.Action)
	action in {"*", "*:*"}
	"*" in as_list(s.Resource)
}

# Addresses of the IAM policies of the module that render the document.
document_users(name) := {r.address |
	some type in policy_types
	some r in tfm.referring(type, "policy", sprintf("data.aws_iam_policy_document.%s", [name]))
} | {r.address |
	some r in tfm.referring("aws_iam_role", "inline_policy.policy", sprintf("data.aws_iam_policy_document.%s", [name]))
}

as_list(v) := v if is_array(v)

as_list(v) := [v] if not is_array(v)

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
