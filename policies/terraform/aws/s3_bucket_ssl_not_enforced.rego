# METADATA
# title: S3 bucket does not require TLS
# description: >-
#   S3 accepts plain HTTP requests unless the bucket policy denies them. Without a `Deny` statement on
#   `aws:SecureTransport = false`, a misconfigured client or SDK can read and write objects in clear text,
#   where they can be observed or altered on the way. Add the statement to the bucket policy (buckets
#   served as static websites are skipped: their endpoint only speaks HTTP).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5
#   - ref: https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule
# custom:
#   id: TG-AWS-S3-007
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Deny every request made without TLS in the bucket policy:
#
#         data "aws_iam_policy_document" "data" {
#           statement {
#             sid       = "DenyInsecureTransport"
#             effect    = "Deny"
#             actions   = ["s3:*"]
#             resources = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]
#             principals {
#               type        = "*"
#               identifiers = ["*"]
#             }
#             condition {
#               test     = "Bool"
#               variable = "aws:SecureTransport"
#               values   = ["false"]
#             }
#           }
#         }
#
#         resource "aws_s3_bucket_policy" "data" {
#           bucket = aws_s3_bucket.data.id
#           policy = data.aws_iam_policy_document.data.json
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 2.1.1
#     - AWS Foundational Security Best Practices S3.5
#     - NIST SP 800-53 SC-8
#   resource_types: [aws_s3_bucket, aws_s3_bucket_policy]
package tollgate.terraform.aws.s3_bucket_ssl_not_enforced

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import rego.v1

# A bucket with no bucket policy at all (none in the module configures it).
warn contains {
	"msg": sprintf("S3 bucket `%s` has no bucket policy denying requests made without TLS (`aws:SecureTransport = false`)", [b.address]),
	"path": b.path,
} if {
	some b in tf.resources_of("aws_s3_bucket")
	not website(b)
	not has_inline_policy(b)
	not covered(b)
}

# A known bucket policy without the statement.
warn contains {
	"msg": sprintf("S3 bucket policy `%s` does not deny requests made without TLS (`aws:SecureTransport = false`)", [c.address]),
	"path": array.concat(c.path, ["policy"]),
} if {
	some c in tf.resources_of("aws_s3_bucket_policy")
	lacks_tls_deny(c.body.policy)
	not for_website(c)
}

warn contains {
	"msg": sprintf("Policy of S3 bucket `%s` does not deny requests made without TLS (`aws:SecureTransport = false`)", [b.address]),
	"path": array.concat(b.path, ["policy"]),
} if {
	some b in tf.resources_of("aws_s3_bucket")
	not website(b)
	lacks_tls_deny(b.body.policy)
}

has_inline_policy(b) if {
	not b.body.policy in {null, ""}
	b.body.policy
}

# A bucket policy of the module configures the bucket (`tfm.linked`: by reference, by its literal name,
# or through an expression that names no bucket of the module and may stand for any).
covered(b) if {
	tfm.linked("aws_s3_bucket_policy", "bucket", b, "bucket")
}

# Static website buckets: the website endpoint serves HTTP only.
website(b) if {
	is_array(b.body.website)
	count(b.body.website) > 0
}

website(b) if {
	tfm.linked("aws_s3_bucket_website_configuration", "bucket", b, "bucket")
}

# The bucket policy `c` is for a website bucket.
for_website(c) if {
	some b in tfm.referenced(c.body.bucket, "aws_s3_bucket")
	website(b)
}

for_website(c) if {
	some b in tfm.repeating("aws_s3_bucket", "bucket", c.body.bucket)
	website(b)
}

# A policy whose `bucket` names no bucket resource may be for any bucket, a website one too.
for_website(c) if {
	tf.is_unknown(c.body.bucket)
	not contains(c.body.bucket, "aws_s3_bucket.")
	module_has_website_bucket
}

# Computed once per document, whatever the number of such policies.
module_has_website_bucket if {
	some b in tfm.module_resources_of("aws_s3_bucket")
	website(b)
}

# Plan input: the references its configuration records.
for_website(c) if {
	is_object(input.planned_values)
	some b in website_buckets
	tfm.plan_refers(c, "bucket", b)
}

# Computed once per document.
website_buckets := [b | some b in tfm.module_resources_of("aws_s3_bucket"); website(b)]

# The policy is known (JSON, or rendered from documents of the module) and denies nothing on
# aws:SecureTransport. Unresolved policies are not judged.
lacks_tls_deny(policy) if {
	statements := json_statements(policy)
	is_array(statements)
	not any_json_tls_deny(statements)
}

lacks_tls_deny(policy) if {
	is_string(policy)
	some m in regex.find_all_string_submatch_n(`^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$`, policy, 1)
	name := m[1]
	docs := documents(name)
	count(docs) > 0
	every doc in docs {
		self_contained(doc)
	}
	not any_document_tls_deny(docs)
}

json_statements(policy) := [s | some s in as_list(doc.Statement); is_object(s)] if {
	is_string(policy)
	json.is_valid(policy)
	doc := json.unmarshal(policy)
	is_object(doc)
}

any_json_tls_deny(statements) if {
	some s in statements
	s.Effect == "Deny"
	is_object(s.Condition)
	some operator, conditions in s.Condition
	operator in {"Bool", "BoolIfExists"}
	is_object(conditions)
	some key, value in conditions
	lower(key) == "aws:securetransport"
	some v in as_list(value)
	v in {false, "false"}
}

any_document_tls_deny(docs) if {
	some doc in docs
	some s in blocks(doc, "statement")
	s.effect == "Deny"
	some c in blocks(s, "condition")
	c.test in {"Bool", "BoolIfExists"}
	is_string(c.variable)
	lower(c.variable) == "aws:securetransport"
	some v in as_list(c.values)
	v in {false, "false"}
}

# A document whose statements are all in view: no merged source/override documents, no dynamic statements.
self_contained(doc) if {
	not doc.source_policy_documents
	not doc.override_policy_documents
	not doc.source_json
	not doc.override_json
	not doc.dynamic
}

documents(name) := [doc |
	some docs in [module_documents(name), object.get(input, ["data", "aws_iam_policy_document", name], [])]
	is_array(docs)
	some doc in docs
	is_object(doc)
]

module_documents(name) := docs if {
	docs := data.tollgate.module.data.aws_iam_policy_document[name]
} else := []

as_list(v) := v if is_array(v)

as_list(v) := [v] if not is_array(v)

blocks(body, field) := [b | some b in body[field]; is_object(b)] if is_array(body[field])

blocks(body, field) := [] if not is_array(body[field])
