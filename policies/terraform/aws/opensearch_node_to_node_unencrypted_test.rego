package tollgate.terraform.aws.opensearch_node_to_node_unencrypted_test

import data.tollgate.terraform.aws.opensearch_node_to_node_unencrypted as rule
import rego.v1

domain(type, body) := {"resource": {type: {"search": [object.union({"domain_name": "search", "engine_version": "OpenSearch_2.13"}, body)]}}}

test_missing_block_denied if {
	r := rule.deny with input as domain("aws_opensearch_domain", {})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_opensearch_domain", "search", 0]
	count(rule.deny) == 1 with input as domain("aws_elasticsearch_domain", {})
}

test_disabled_denied if {
	r := rule.deny with input as domain("aws_opensearch_domain", {"node_to_node_encryption": [{"enabled": false}]})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_opensearch_domain", "search", 0, "node_to_node_encryption", 0, "enabled"]
}

test_enabled_allowed if {
	count(rule.deny) == 0 with input as domain("aws_opensearch_domain", {"node_to_node_encryption": [{"enabled": true}]})
	count(rule.deny) == 0 with input as domain("aws_opensearch_domain", {"node_to_node_encryption": [{"enabled": "${var.enabled}"}]})
	count(rule.deny) == 0 with input as domain("aws_opensearch_domain", {"dynamic": {"node_to_node_encryption": [{"for_each": "${var.options}", "content": [{"enabled": true}]}]}})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_opensearch_domain.search", "mode": "managed", "type": "aws_opensearch_domain", "name": "search", "values": {"node_to_node_encryption": [{"enabled": false}]}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "node_to_node_encryption", 0, "enabled"]
}
