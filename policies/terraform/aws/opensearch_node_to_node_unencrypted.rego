# METADATA
# title: OpenSearch domain does not encrypt traffic between nodes
# description: >-
#   Without `node_to_node_encryption { enabled = true }`, the nodes of an OpenSearch (or Elasticsearch)
#   domain exchange documents and queries in clear text inside the VPC. Node-to-node encryption is also
#   required for fine-grained access control.
# related_resources:
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-3
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain#node_to_node_encryption
# custom:
#   id: TG-AWS-OS-002
#   severity: medium
#   enforcement: block
#   remediation: |
#     Enable it (on an existing domain this needs a blue/green deployment):
#
#         resource "aws_opensearch_domain" "search" {
#           # ...
#           node_to_node_encryption {
#             enabled = true
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices Opensearch.3, ES.3
#     - NIST SP 800-53 SC-8
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain]
package tollgate.terraform.aws.opensearch_node_to_node_unencrypted

import data.tollgate.lib.terraform as tf
import rego.v1

kind := {"aws_opensearch_domain": "OpenSearch domain", "aws_elasticsearch_domain": "Elasticsearch domain"}

deny contains {
	"msg": sprintf("%s `%s` has no `node_to_node_encryption` block: documents travel between its nodes unencrypted", [kind[r.type], r.address]),
	"path": r.path,
} if {
	some type, _ in kind
	some r in tf.resources_of(type)
	no_block(r.body, "node_to_node_encryption")
}

deny contains {
	"msg": sprintf("%s `%s` sets `node_to_node_encryption.enabled = false`: documents travel between its nodes unencrypted", [kind[r.type], r.address]),
	"path": array.concat(r.path, ["node_to_node_encryption", i, "enabled"]),
} if {
	some type, _ in kind
	some r in tf.resources_of(type)
	some i, b in blocks(r.body, "node_to_node_encryption")
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
