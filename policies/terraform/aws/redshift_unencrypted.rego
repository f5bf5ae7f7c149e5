# METADATA
# title: Redshift cluster not encrypted at rest
# description: >-
#   `encrypted = false` stores the cluster's data blocks, system metadata and snapshots unencrypted. A data
#   warehouse concentrates an organization's most valuable data; encrypt it (changing this later needs a
#   cluster migration).
# related_resources:
#   - ref: https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-10
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_cluster#encrypted
# custom:
#   id: TG-AWS-RS-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Encrypt the cluster, preferably with your own key:
#
#         resource "aws_redshift_cluster" "warehouse" {
#           # ...
#           encrypted  = true
#           kms_key_id = aws_kms_key.redshift.arn
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices Redshift.10
#     - NIST SP 800-53 SC-28
#   resource_types: [aws_redshift_cluster]
package tollgate.terraform.aws.redshift_unencrypted

import data.tollgate.lib.terraform as tf
import rego.v1

# Only an explicit false: newer provider versions and the Redshift API encrypt new clusters by default.
deny contains {
	"msg": sprintf("Redshift cluster `%s` sets `encrypted = false` and stores its data unencrypted", [r.address]),
	"path": array.concat(r.path, ["encrypted"]),
} if {
	some r in tf.resources_of("aws_redshift_cluster")
	tf.is_false(r.body.encrypted)
}
