# METADATA
# title: OpenSearch domain accepts plain HTTP or TLS older than 1.2
# description: >-
#   `enforce_https = false` lets clients send queries, documents and credentials to the domain endpoint
#   over plain HTTP, and the `Policy-Min-TLS-1-0-2019-07` security policy accepts TLS 1.0 and 1.1,
#   deprecated protocols with known weaknesses (RFC 8996). Require HTTPS with TLS 1.2 or newer.
# related_resources:
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-8
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain#domain_endpoint_options
# custom:
#   id: TG-AWS-OS-003
#   severity: high
#   enforcement: block
#   remediation: |
#     Require HTTPS with TLS 1.2:
#
#         resource "aws_opensearch_domain" "search" {
#           # ...
#           domain_endpoint_options {
#             enforce_https       = true
#             tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices Opensearch.8, ES.8
#     - NIST SP 800-53 SC-8, SC-23
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain]
package tollgate.terraform.aws.opensearch_https_not_enforced

import data.tollgate.lib.terraform as tf
import rego.v1

kind := {"aws_opensearch_domain": "OpenSearch domain", "aws_elasticsearch_domain": "Elasticsearch domain"}

deny contains {
	"msg": sprintf("%s `%s` sets `enforce_https = false` and accepts plain HTTP", [kind[r.type], r.address]),
	"path": array.concat(r.path, ["domain_endpoint_options", i, "enforce_https"]),
} if {
	some type, _ in kind
	some r in tf.resources_of(type)
	some i, o in blocks(r.body, "domain_endpoint_options")
	tf.is_false(o.enforce_https)
}

deny contains {
	"msg": sprintf("%s `%s` uses the TLS security policy `Policy-Min-TLS-1-0-2019-07` and accepts TLS 1.0 and 1.1", [kind[r.type], r.address]),
	"path": array.concat(r.path, ["domain_endpoint_options", i, "tls_security_policy"]),
} if {
	some type, _ in kind
	some r in tf.resources_of(type)
	some i, o in blocks(r.body, "domain_endpoint_options")
	not tf.is_false(o.enforce_https)
	o.tls_security_policy == "Policy-Min-TLS-1-0-2019-07"
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
