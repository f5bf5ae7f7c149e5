# METADATA
# title: OpenSearch domain open to the internet
# description: >-
#   A domain outside a VPC has a public endpoint. When its access policy allows `Principal: "*"` (or
#   `{"AWS": "*"}`) without a condition, such as `aws:SourceIp`, and fine-grained access control is off,
#   anyone on the internet can read, write and delete its indices with plain HTTP requests: a frequent
#   cause of data leaks. Place the domain in a VPC, restrict the policy, or enable fine-grained access
#   control.
# related_resources:
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-2
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain_policy
# custom:
#   id: TG-AWS-OS-004
#   severity: critical
#   enforcement: block
#   remediation: |
#     Put the domain in private subnets (or grant access to named roles only):
#
#         resource "aws_opensearch_domain" "search" {
#           # ...
#           vpc_options {
#             subnet_ids         = var.private_subnet_ids
#             security_group_ids = [aws_security_group.search.id]
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices Opensearch.2, ES.2
#     - NIST SP 800-53 AC-3, AC-21, SC-7
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain, aws_opensearch_domain_policy, aws_elasticsearch_domain_policy, aws_iam_policy_document]
package tollgate.terraform.aws.opensearch_public_access

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import rego.v1

kind := {"aws_opensearch_domain": "OpenSearch domain", "aws_elasticsearch_domain": "Elasticsearch domain"}

policy_types := {"aws_opensearch_domain_policy": "aws_opensearch_domain", "aws_elasticsearch_domain_policy": "aws_elasticsearch_domain"}

# Access policy given on the domain itself.
deny contains {
	"msg": sprintf("%s `%s` has a public endpoint (no `vpc_options`) and its access policy allows any principal (`*`) without a condition", [kind[d.type], d.address]),
	"path": array.concat(d.path, ["access_policies"]),
} if {
	some type, _ in kind
	some d in tf.resources_of(type)
	open_domain(d)
	public_policy(d.body.access_policies)
}

# Access policy given by a domain policy resource of a domain of the module.
deny contains {
	"msg": sprintf("Domain policy `%s` allows any principal (`*`) without a condition to %s `%s`, which has a public endpoint (no `vpc_options`)", [p.address, kind[domain_type], d.address]),
	"path": array.concat(p.path, ["access_policies"]),
} if {
	some type, domain_type in policy_types
	some p in tf.resources_of(type)
	public_policy(p.body.access_policies)
	some d in governed(p, domain_type)
	open_domain(d)
}

# No VPC, and fine-grained access control known to be off.
open_domain(d) if {
	no_block(d.body, "vpc_options")
	not fine_grained_access_control(d.body)
}

fine_grained_access_control(body) if {
	some o in blocks(body, "advanced_security_options")
	not tf.is_false(o.enabled)
}

fine_grained_access_control(body) if body.dynamic.advanced_security_options

# The domains of the module a domain policy is for: those its `domain_name` refers to, or whose
# `domain_name` it repeats. Looked up by address and in the module's index, not by scanning its domains.
governed(p, domain_type) := array.concat(
	tfm.referenced(p.body.domain_name, domain_type),
	[d | some d in tfm.repeating(domain_type, "domain_name", p.body.domain_name)],
)

public_policy(policy) if {
	some s in json_statements(policy)
	s.Effect == "Allow"
	public_principal(s.Principal)
	not has_condition(s)
}

public_policy(policy) if {
	is_string(policy)
	some name in referenced_documents(policy)
	some s in document_statements(name)
	object.get(s, "effect", "Allow") == "Allow"
	some p in blocks(s, "principals")
	p.type in {"*", "AWS"}
	some id in as_list(p.identifiers)
	id == "*"
	count(blocks(s, "condition")) == 0
	not s.dynamic
}

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

no_block(body, field) if {
	not is_object(input.planned_values)
	not field in object.keys(body)
	not body.dynamic[field]
}

no_block(body, field) if body[field] == []

as_list(v) := v if is_array(v)

as_list(v) := [v] if not is_array(v)

blocks(body, field) := [b | some b in body[field]; is_object(b)] if is_array(body[field])

blocks(body, field) := [] if not is_array(body[field])
