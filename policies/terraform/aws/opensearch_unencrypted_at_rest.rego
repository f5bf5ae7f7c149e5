# METADATA
# title: OpenSearch domain not encrypted at rest
# description: >-
#   Without `encrypt_at_rest { enabled = true }` an OpenSearch (or Elasticsearch) domain stores its indices,
#   logs, swap files and automated snapshots unencrypted; the block defaults to disabled. Search domains
#   often hold copies of application data and logs full of personal data.
# related_resources:
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-1
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain#encrypt_at_rest
# custom:
#   id: TG-AWS-OS-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Enable it (on an existing domain this needs a blue/green deployment):
#
#         resource "aws_opensearch_domain" "search" {
#           # ...
#           encrypt_at_rest {
#             enabled = true
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices Opensearch.1, ES.1
#     - NIST SP 800-53 SC-28
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain]
package tollgate.terraform.aws.opensearch_unencrypted_at_rest

import data.tollgate.lib.terraform as tf
import rego.v1

kind := {"aws_opensearch_domain": "OpenSearch domain", "aws_elasticsearch_domain": "Elasticsearch domain"}

deny contains {
	"msg": sprintf("%s `%s` has no `encrypt_at_rest` block: its indices and snapshots are stored unencrypted", [kind[r.type], r.address]),
	"path": r.path,
} if {
	some type, _ in kind
	some r in tf.resources_of(type)
	no_block(r.body, "encrypt_at_rest")
}

deny contains {
	"msg": sprintf("%s `%s` sets `encrypt_at_rest.enabled = false`: its indices and snapshots are stored unencrypted", [kind[r.type], r.address]),
	"path": array.concat(r.path, ["encrypt_at_rest", i, "enabled"]),
} if {
	some type, _ in kind
	some r in tf.resources_of(type)
	some i, b in blocks(r.body, "encrypt_at_rest")
	tf.is_false(b.enabled)
}

no_block(body, field) if {
	not is_object(input.planned_values)
	not field in object.keys(body)
	not body.dynamic[field]
}

no_block(body, field) if body[field] == []

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
