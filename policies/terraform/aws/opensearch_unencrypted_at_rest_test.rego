package tollgate.terraform.aws.opensearch_unencrypted_at_rest_test

import data.tollgate.terraform.aws.opensearch_unencrypted_at_rest as rule
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
	r := rule.deny with input as domain("aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": false}]})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_opensearch_domain", "search", 0, "encrypt_at_rest", 0, "enabled"]
}

test_enabled_allowed if {
	count(rule.deny) == 0 with input as domain("aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": true}]})
	count(rule.deny) == 0 with input as domain("aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": "${var.enabled}"}]})
	count(rule.deny) == 0 with input as domain("aws_opensearch_domain", {"dynamic": {"encrypt_at_rest": [{"for_each": "${var.options}", "content": [{"enabled": true}]}]}})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_opensearch_domain.search", "mode": "managed", "type": "aws_opensearch_domain", "name": "search", "values": {"encrypt_at_rest": [{"enabled": false}]}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "encrypt_at_rest", 0, "enabled"]
}
