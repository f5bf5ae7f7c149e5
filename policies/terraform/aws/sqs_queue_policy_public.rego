# METADATA
# title: SQS queue policy allows any principal
# description: >-
#   A queue policy statement that allows `Principal: "*"` (or `{"AWS": "*"}`) without a condition lets any
#   AWS account send messages to the queue, or read and delete them: attackers can feed forged work items
#   to its consumers or drain its data. Restrict the principal, or keep `*` only with a condition such as
#   `aws:SourceArn` (the SNS topic or S3 bucket that feeds the queue).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html#ensure-queues-not-publicly-accessible
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-3
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sqs_queue_policy
# custom:
#   id: TG-AWS-SQS-002
#   severity: high
#   enforcement: block
#   remediation: |
#     Allow only the service that feeds the queue, for its source resource:
#
#         resource "aws_sqs_queue_policy" "jobs" {
#           queue_url = aws_sqs_queue.jobs.id
#           policy = jsonencode({
#             Version = "2012-10-17"
#             Statement = [{
#               Effect    = "Allow"
#               Principal = { Service = "sns.amazonaws.com" }
#               Action    = "sqs:SendMessage"
#               Resource  = aws_sqs_queue.jobs.arn
#               Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.jobs.arn } }
#             }]
#           })
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices SQS.3
#     - NIST SP 800-53 AC-3, AC-21
#   resource_types: [aws_sqs_queue, aws_sqs_queue_policy, aws_iam_policy_document]
package tollgate.terraform.aws.sqs_queue_policy_public

import data.tollgate.lib.terraform as tf
import rego.v1

# [resource type, policy attribute] of the resources holding the policy.
holders := [["aws_sqs_queue", "policy"], ["aws_sqs_queue_policy", "policy"]]

kind := {"aws_sqs_queue": "Access policy of SQS queue", "aws_sqs_queue_policy": "SQS queue policy"}

# Policy given as a JSON string (jsonencode resolved, heredoc, or plan value).
deny contains {
	"msg": sprintf("%s `%s` allows %s to any principal (`*`) without a condition", [kind[type], r.address, actions(object.get(s, "Action", null))]),
	"path": array.concat(r.path, [attr]),
} if {
	some [type, attr] in holders
	some r in tf.resources_of(type)
	some s in json_statements(r.body[attr])
	s.Effect == "Allow"
	public_principal(s.Principal)
	not has_condition(s)
}

# Policy rendered from an aws_iam_policy_document data source of the module.
deny contains {
	"msg": sprintf("%s `%s` (from `data.aws_iam_policy_document.%s`) allows %s to any principal (`*`) without a condition", [kind[type], r.address, name, actions(object.get(s, "actions", null))]),
	"path": array.concat(r.path, [attr]),
} if {
	some [type, attr] in holders
	some r in tf.resources_of(type)
	is_string(r.body[attr])
	some name in referenced_documents(r.body[attr])
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

json_statements(policy) := [s | some s in as_list(doc.Statement); is_object(s)] if {
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
