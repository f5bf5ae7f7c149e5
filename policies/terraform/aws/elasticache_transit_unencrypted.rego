# METADATA
# title: ElastiCache replication group not encrypted in transit
# description: >-
#   Without `transit_encryption_enabled`, clients and replicas talk to a Redis OSS or Valkey replication group
#   in clear text: cached data, session tokens and the AUTH password can be read or altered on the network.
#   In-transit encryption is also what allows Redis AUTH tokens and RBAC users.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-5
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group#transit_encryption_enabled
# custom:
#   id: TG-AWS-ELC-001
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
#     - AWS Foundational Security Best Practices ElastiCache.5
#     - NIST SP 800-53 SC-8
#   resource_types: [aws_elasticache_replication_group]
package tollgate.terraform.aws.elasticache_transit_unencrypted

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("ElastiCache replication group `%s` sets `transit_encryption_enabled = false`: traffic to the cache is not encrypted", [r.address]),
	"path": array.concat(r.path, ["transit_encryption_enabled"]),
} if {
	some r in tf.resources_of("aws_elasticache_replication_group")
	tf.is_false(r.body.transit_encryption_enabled)
}

# The argument defaults to false for the Redis OSS engine (the default engine); Valkey groups are left to
# their own default, and secondary members of a global datastore take the encryption of its primary.
deny contains {
	"msg": sprintf("ElastiCache replication group `%s` does not set `transit_encryption_enabled = true` (default false): traffic to the cache is not encrypted", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_elasticache_replication_group")
	object.get(r.body, "engine", "redis") in {"redis", null}
	unset(r.body, "transit_encryption_enabled")
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
