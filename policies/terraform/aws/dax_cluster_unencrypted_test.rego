package tollgate.terraform.aws.dax_cluster_unencrypted_test

import data.tollgate.terraform.aws.dax_cluster_unencrypted as rule
import rego.v1

dax(body) := {"resource": {"aws_dax_cluster": {"cache": [object.union({"cluster_name": "cache", "node_type": "dax.r5.large", "replication_factor": 3}, body)]}}}

test_no_block_denied if {
	r := rule.deny with input as dax({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_dax_cluster", "cache", 0]
}

test_disabled_denied if {
	r := rule.deny with input as dax({"server_side_encryption": [{"enabled": false}]})
	some f in r
	f.path == ["resource", "aws_dax_cluster", "cache", 0, "server_side_encryption", 0]
	count(rule.deny) == 1 with input as dax({"server_side_encryption": [{}]})
}

test_enabled_allowed if {
	count(rule.deny) == 0 with input as dax({"server_side_encryption": [{"enabled": true}]})
	count(rule.deny) == 0 with input as dax({"server_side_encryption": [{"enabled": "${var.encrypted}"}]})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_dax_cluster.cache", "mode": "managed", "type": "aws_dax_cluster", "name": "cache", "values": {"server_side_encryption": [{"enabled": false}]}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "server_side_encryption", 0]
}
