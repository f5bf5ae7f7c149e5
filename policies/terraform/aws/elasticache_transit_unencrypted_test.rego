package tollgate.terraform.aws.elasticache_transit_unencrypted_test

import data.tollgate.terraform.aws.elasticache_transit_unencrypted as rule
import rego.v1

group(body) := {"resource": {"aws_elasticache_replication_group": {"sessions": [object.union({"replication_group_id": "sessions", "description": "sessions", "node_type": "cache.t4g.small"}, body)]}}}

test_false_denied if {
	r := rule.deny with input as group({"engine": "valkey", "transit_encryption_enabled": false})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_elasticache_replication_group", "sessions", 0, "transit_encryption_enabled"]
}

test_redis_default_denied if {
	r := rule.deny with input as group({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_elasticache_replication_group", "sessions", 0]
	count(rule.deny) == 1 with input as group({"engine": "redis"})
}

test_enabled_allowed if {
	count(rule.deny) == 0 with input as group({"transit_encryption_enabled": true})
	count(rule.deny) == 0 with input as group({"transit_encryption_enabled": "${var.encrypted}"})
	count(rule.deny) == 0 with input as group({"engine": "valkey"})
	count(rule.deny) == 0 with input as group({"engine": "${var.engine}"})
	count(rule.deny) == 0 with input as group({"global_replication_group_id": "${var.global_replication_group_id}", "engine": null, "transit_encryption_enabled": null})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_elasticache_replication_group.sessions", "mode": "managed", "type": "aws_elasticache_replication_group", "name": "sessions", "values": {"engine": "redis", "transit_encryption_enabled": false}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "transit_encryption_enabled"]
}
