# METADATA
# title: ElastiCache replication group not encrypted at rest
# description: >-
#   Without `at_rest_encryption_enabled`, a Redis OSS replication group writes its data unencrypted to disk
#   during synchronization and swap, and its backups in S3 are unencrypted. The setting can only be chosen
#   when the group is created.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-4
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group#at_rest_encryption_enabled
# custom:
#   id: TG-AWS-ELC-002
#   severity: medium
#   enforcement: block
#   remediation: |
#     Enable it when creating the replication group (changing it replaces the group, or needs a
#     migration for in-transit encryption):
#
#         resource "aws_elasticache_replication_group" "sessions" {
#           replication_group_id       = "sessions"
#           description                = "session store"
#           engine                     = "redis"
#           node_type                  = "cache.t4g.small"
#           at_rest_encryption_enabled = true
#           transit_encryption_enabled = true
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices ElastiCache.4
#     - NIST SP 800-53 SC-28
#   resource_types: [aws_elasticache_replication_group]
package tollgate.terraform.aws.elasticache_at_rest_unencrypted

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("ElastiCache replication group `%s` sets `at_rest_encryption_enabled = false`: its disks and backups are not encrypted", [r.address]),
	"path": array.concat(r.path, ["at_rest_encryption_enabled"]),
} if {
	some r in tf.resources_of("aws_elasticache_replication_group")
	tf.is_false(r.body.at_rest_encryption_enabled)
}

# The argument defaults to false for the Redis OSS engine (the default engine); Valkey groups are left to
# their own default, and secondary members of a global datastore take the encryption of its primary.
deny contains {
	"msg": sprintf("ElastiCache replication group `%s` does not set `at_rest_encryption_enabled = true` (default false): its disks and backups are not encrypted", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_elasticache_replication_group")
	object.get(r.body, "engine", "redis") in {"redis", null}
	unset(r.body, "at_rest_encryption_enabled")
	not global_member(r.body)
}

global_member(body) if {
	"global_replication_group_id" in object.keys(body)
	not body.global_replication_group_id in {null, ""}
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
