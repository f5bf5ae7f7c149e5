# METADATA
# title: S3 bucket policy allows public access
# description: >-
#   A bucket policy statement that allows `Principal: "*"` (or `{"AWS": "*"}`) without a condition grants its
#   actions to everyone on the internet, authenticated or not. Unless the bucket deliberately serves public
#   content, this exposes its data; restrict the principal or add a condition such as `aws:SourceVpce`,
#   `aws:PrincipalOrgID` or `aws:SourceArn`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_policy
# custom:
#   id: TG-AWS-S3-002
#   severity: high
#   enforcement: block
#   remediation: |
#     Grant the actions to specific principals, or keep `*` only with a restricting condition:
#
#         data "aws_iam_policy_document" "site" {
#           statement {
#             actions   = ["s3:GetObject"]
#             resources = ["${aws_s3_bucket.site.arn}/*"]
#             principals {
#               type        = "Service"
#               identifiers = ["cloudfront.amazonaws.com"]
#             }
#             condition {
#               test     = "StringEquals"
#               variable = "AWS:SourceArn"
#               values   = [aws_cloudfront_distribution.site.arn]
#             }
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices S3.2, S3.3
#     - NIST SP 800-53 AC-3, AC-21
#   resource_types: [aws_s3_bucket_policy, aws_s3_bucket, aws_iam_policy_document]
package tollgate.terraform.aws.s3_bucket_public_policy

import data.tollgate.lib.terraform as tf
import rego.v1

policy_holders := ["aws_s3_bucket_policy", "aws_s3_bucket"]

# Policy given as a JSON string (jsonencode resolved, heredoc, or plan value).
deny contains {
	"msg": sprintf("S3 bucket policy of `%s` allows %s to any principal (`*`) without a condition", [r.address, actions(s.Action)]),
	"path": array.concat(r.path, ["policy"]),
} if {
	some type in policy_holders
	some r in tf.resources_of(type)
	some s in json_statements(r.body.policy)
	s.Effect == "Allow"
	public_principal(s.Principal)
	not has_condition(s)
}

# Policy rendered from an aws_iam_policy_document data source of the module.
deny contains {
	"msg": sprintf("S3 bucket policy of `%s` (from `data.aws_iam_policy_document.%s`) allows %s to any principal (`*`) without a condition", [r.address, name, actions(s.actions)]),
	"path": array.concat(r.path, ["policy"]),
} if {
	some type in policy_holders
	some r in tf.resources_of(type)
	is_string(r.body.policy)
	some name in referenced_documents(r.body.policy)
	some s in document_statements(name)
	object.get(s, "effect", "Allow") == "Allow"
	some p in blocks(s, "principals")
	p.type in {"*", "AWS"}
	some id in as_list(p.identifiers)
	id == "*"
	count(blocks(s, "condition")) == 0
	not dynamic_condition(s)
}

# A `dynamic "condition"` block of a statement: its conditions are not known, but they exist unless its
# `for_each` is known to be empty.
dynamic_condition(s) if {
	some d in blocks(object.get(s, "dynamic", {}), "condition")
	not generates_nothing(d)
}

generates_nothing(d) if d.for_each == []

generates_nothing(d) if d.for_each == {}

json_statements(policy) := as_list(doc.Statement) if {
	is_string(policy)
	json.is_valid(policy)
	doc := json.unmarshal(policy)
	is_object(doc)
}

public_principal(p) if p == "*"

public_principal(p) if {
	is_object(p)
	some v in as_list(p.AWS)
	v == "*"
}

has_condition(s) if {
	is_object(s.Condition)
	count(s.Condition) > 0
}

referenced_documents(expr) := {m[1] | some m in regex.find_all_string_submatch_n(`data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json`, expr, -1)}

# Statements of a policy document data source, from the whole module (or the file itself).
document_statements(name) := [s |
	some docs in [module_documents(name), object.get(input, ["data", "aws_iam_policy_document", name], [])]
	is_array(docs)
	some doc in docs
	is_object(doc)
	some s in blocks(doc, "statement")
]

module_documents(name) := docs if {
	docs := data.tollgate.module.data.aws_iam_policy_document[name]
} else := []

actions(a) := sprintf("`%s`", [a]) if is_string(a)

actions(a) := sprintf("`%s`", [concat("`, `", names)]) if {
	names := [x | some x in as_list(a); is_string(x)]
	not is_string(a)
	count(names) > 0
}

actions(a) := "its actions" if {
	not is_string(a)
	count([x | some x in as_list(a); is_string(x)]) == 0
}

as_list(v) := v if is_array(v)

as_list(v) := [v] if not is_array(v)

blocks(body, field) := [b | some b in body[field]; is_object(b)] if is_array(body[field])

blocks(body, field) := [] if not is_array(body[field])
