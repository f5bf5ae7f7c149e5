package tollgate.terraform.azure.redis_non_ssl_port_test

import data.tollgate.terraform.azure.redis_non_ssl_port as rule
import rego.v1

redis(body) := {"resource": {"azurerm_redis_cache": {"sessions": [object.union({"name": "acme-sessions", "capacity": 1, "family": "C", "sku_name": "Standard"}, body)]}}}

test_v4_attribute_denied if {
	findings := rule.deny with input as redis({"non_ssl_port_enabled": true})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_redis_cache", "sessions", 0, "non_ssl_port_enabled"]
}

test_v3_attribute_denied if {
	count(rule.deny) == 1 with input as redis({"enable_non_ssl_port": "true"})
}

test_disabled_absent_or_unresolved_allowed if {
	count(rule.deny) == 0 with input as redis({"non_ssl_port_enabled": false})
	count(rule.deny) == 0 with input as redis({})
	count(rule.deny) == 0 with input as redis({"non_ssl_port_enabled": "${var.plain_port}"})
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_redis_cache.sessions",
		"mode": "managed",
		"type": "azurerm_redis_cache",
		"name": "sessions",
		"values": {"name": "acme-sessions", "non_ssl_port_enabled": true, "minimum_tls_version": "1.2"},
	}]}}}
	{f.path | some f in rule.deny} == {["planned_values", "root_module", "resources", 0, "values", "non_ssl_port_enabled"]} with input as plan
}
