package tollgate.terraform.aws.opensearch_https_not_enforced_test

import data.tollgate.terraform.aws.opensearch_https_not_enforced as rule
import rego.v1

domain(type, options) := {"resource": {type: {"search": [{"domain_name": "search", "domain_endpoint_options": [options]}]}}}

test_http_denied if {
	r := rule.deny with input as domain("aws_opensearch_domain", {"enforce_https": false})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_opensearch_domain", "search", 0, "domain_endpoint_options", 0, "enforce_https"]
	count(rule.deny) == 1 with input as domain("aws_elasticsearch_domain", {"enforce_https": "false", "tls_security_policy": "Policy-Min-TLS-1-0-2019-07"})
}

test_tls_1_0_policy_denied if {
	r := rule.deny with input as domain("aws_opensearch_domain", {"enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-0-2019-07"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_opensearch_domain", "search", 0, "domain_endpoint_options", 0, "tls_security_policy"]
}

test_https_tls_1_2_allowed if {
	count(rule.deny) == 0 with input as domain("aws_opensearch_domain", {"enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-2-2019-07"})
	count(rule.deny) == 0 with input as domain("aws_opensearch_domain", {"enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-2-PFS-2023-10"})
	count(rule.deny) == 0 with input as domain("aws_opensearch_domain", {"enforce_https": "${var.enforce_https}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_opensearch_domain.search", "mode": "managed", "type": "aws_opensearch_domain", "name": "search", "values": {"domain_endpoint_options": [{"enforce_https": false, "tls_security_policy": "Policy-Min-TLS-1-2-2019-07"}]}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "domain_endpoint_options", 0, "enforce_https"]
}
