# METADATA
# title: IAM policy allows every action of a service
# description: >-
#   An `Allow` statement with a service-wide wildcard action (`s3:*`, `iam:*`, `kms:*`) grants every
#   present and future action of that service, including destructive and permission-changing ones
#   (`s3:DeleteBucketPolicy`, `iam:PassRole`, `kms:ScheduleKeyDeletion`). List the actions the workload
#   needs instead. (`*` on all resources is TG-AWS-IAM-001.)
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21
#   - ref: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
# custom:
#   id: TG-AWS-IAM-005
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Replace the wildcard with the actions the workload uses:
#
#         data "aws_iam_policy_document" "uploader" {
#           statement {
#             actions   = ["s3:PutObject", "s3:GetObject"]
#             resources = ["${aws_s3_bucket.uploads.arn}/*"]
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices IAM.21
#     - NIST SP 800-53 AC-6
#   resource_types: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role, aws_iam_policy_document]
package tollgate.terraform.aws.iam_policy_service_wildcard

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
warn contains {
	"msg": sprintf("%s `%s` allows every action of a service (%s)", [kind[type], r.address, names(wildcards)]),
	"path": array.concat(r.path, ["policy"]),
} if {
	some type in policy_types
	some r in tf.resources_of(type)
	wildcards := json_wildcards(r.body.policy)
	count(wildcards) > 0
}

# Inline policy of an aws_iam_role.
warn contains {
	"msg": sprintf("Inline policy `%s` of IAM role `%s` allows every action of a service (%s)", [object.get(p, "name", ""), r.address, names(wildcards)]),
	"path": array.concat(r.path, ["inline_policy", i, "policy"]),
} if {
	some r in tf.resources_of("aws_iam_role")
	some i, p in blocks(r.body, "inline_policy")
	wildcards := json_wildcards(p.policy)
	count(wildcards) > 0
}

# A statement of a policy document data source of this file, used by an IAM policy of the module.
warn contains {
	"msg": sprintf("Statement of `data.aws_iam_policy_document.%s` allows every action of a service (%s) and is used by %s", [name, names(wildcards), concat(", ", sort([sprintf("`%s`", [u]) | some u in users]))]),
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
	wildcards := {a | some a in as_list(object.get(s, "actions", [])); service_wildcard(a)}
	count(wildcards) > 0
	users := document_users(name)
	count(users) > 0
}

# Service-wide wildcard actions of the Allow statements of a JSON policy.
json_wildcards(policy) := {a |
	some s in as_list(doc.Statement)
	is_object(s)
	s.Effect == "Allow"
	some a in as_list(object.get(s, "Action", []))
	service_wildcard(a)
} if {
	is_string(policy)
	json.is_valid(policy)
	doc := json.unmarshal(policy)
	is_object(doc)
}

service_wildcard(a) if {
	is_string(a)
	regex.match(`^[A-Za-z0-9-]+:\*$`, a)
}

names(actions) := concat(", ", [sprintf("`%s`", [a]) | some a in sort(actions)])

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
