# METADATA
# title: DAX cluster endpoint not encrypted in transit
# description: >-
#   Unless `cluster_endpoint_encryption_type = "TLS"`, clients talk to a DynamoDB Accelerator cluster in
#   clear text, so cached table items and requests can be read on the network. The setting can only be
#   chosen when the cluster is created (the default is `NONE`).
# related_resources:
#   - ref: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionInTransit.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-7
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dax_cluster#cluster_endpoint_encryption_type
# custom:
#   id: TG-AWS-DDB-004
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Create the cluster with a TLS endpoint (this replaces an existing cluster; clients must connect
#     with `daxs://`):
#
#         resource "aws_dax_cluster" "cache" {
#           # ...
#           cluster_endpoint_encryption_type = "TLS"
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices DynamoDB.7
#     - NIST SP 800-53 SC-8
#   resource_types: [aws_dax_cluster]
package tollgate.terraform.aws.dax_cluster_plaintext_endpoint

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("DAX cluster `%s` sets `cluster_endpoint_encryption_type = \"NONE\"`: clients connect in clear text", [r.address]),
	"path": array.concat(r.path, ["cluster_endpoint_encryption_type"]),
} if {
	some r in tf.resources_of("aws_dax_cluster")
	r.body.cluster_endpoint_encryption_type == "NONE"
}

warn contains {
	"msg": sprintf("DAX cluster `%s` does not set `cluster_endpoint_encryption_type = \"TLS\"` (default NONE): clients connect in clear text", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_dax_cluster")
	unset(r.body, "cluster_endpoint_encryption_type")
}

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
}
