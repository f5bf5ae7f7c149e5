# METADATA
# title: RDS storage not encrypted
# description: >-
#   An unencrypted RDS instance or Aurora cluster stores its data, automated backups, read replicas and snapshots
#   in plaintext at rest. Encryption can only be chosen at creation: fixing it later means a snapshot copy and a
#   restore. Instances that inherit their encryption (read replicas, restores from a snapshot, Aurora cluster
#   members) and Aurora Serverless v1 clusters (always encrypted) are not flagged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#storage_encrypted
# custom:
#   id: TG-AWS-RDS-002
#   severity: high
#   enforcement: block
#   remediation: |
#     Create the database with encrypted storage (optionally with a customer managed key):
#
#         resource "aws_db_instance" "app" {
#           # ...
#           storage_encrypted = true
#           kms_key_id        = aws_kms_key.rds.arn
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 2.3.1
#     - AWS Foundational Security Best Practices RDS.3, RDS.27
#     - NIST SP 800-53 SC-28
#     - PCI DSS 3.4
#   resource_types: [aws_db_instance, aws_rds_cluster]
package tollgate.terraform.aws.rds_storage_unencrypted

import data.tollgate.lib.terraform as tf
import rego.v1

kind := {"aws_db_instance": "RDS instance", "aws_rds_cluster": "RDS cluster"}

deny contains {
	"msg": sprintf("%s `%s` sets `storage_encrypted = false`", [kind[r.type], r.address]),
	"path": array.concat(r.path, ["storage_encrypted"]),
} if {
	some r in candidates
	tf.is_false(r.body.storage_encrypted)
}

deny contains {
	"msg": sprintf("%s `%s` does not set `storage_encrypted = true` (default false)", [kind[r.type], r.address]),
	"path": r.path,
} if {
	some r in candidates
	unset(r.body, "storage_encrypted")
}

candidates contains r if {
	some r in tf.resources_of("aws_db_instance")
	not inherits_encryption(r.body)
	not aurora_member(r.body)
}

candidates contains r if {
	some r in tf.resources_of("aws_rds_cluster")
	not inherits_encryption(r.body)
	not serverless_v1(r.body)
}

# Read replicas and restores take the encryption of their source.
inherits_encryption(body) if is_set(body, "replicate_source_db")

inherits_encryption(body) if is_set(body, "snapshot_identifier")

inherits_encryption(body) if is_set(body, "replication_source_identifier")

inherits_encryption(body) if is_set(body, "restore_to_point_in_time")

inherits_encryption(body) if is_set(body, "s3_import")

# An aws_db_instance of an Aurora cluster: its storage is the cluster's.
aurora_member(body) if {
	is_string(body.engine)
	startswith(body.engine, "aurora")
}

# Aurora Serverless v1 is always encrypted.
serverless_v1(body) if body.engine_mode == "serverless"

is_set(body, key) if {
	v := body[key]
	v != null
	v != ""
	v != []
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
