package tollgate.terraform.azure.container_registry_admin_enabled_test

import data.tollgate.terraform.azure.container_registry_admin_enabled as rule
import rego.v1

registry(body) := {"resource": {"azurerm_container_registry": {"main": [object.union({"name": "acmeregistry", "sku": "Premium"}, body)]}}}

test_admin_enabled_warned if {
	findings := rule.warn with input as registry({"admin_enabled": true})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_container_registry", "main", 0, "admin_enabled"]
}

test_disabled_absent_or_unresolved_allowed if {
	count(rule.warn) == 0 with input as registry({"admin_enabled": false})
	count(rule.warn) == 0 with input as registry({})
	count(rule.warn) == 0 with input as registry({"admin_enabled": "${var.admin}"})
}

test_plan_warned if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_container_registry.main",
		"mode": "managed",
		"type": "azurerm_container_registry",
		"name": "main",
		"values": {"name": "acmeregistry", "admin_enabled": true},
	}]}}}
	{f.path | some f in rule.warn} == {["planned_values", "root_module", "resources", 0, "values", "admin_enabled"]} with input as plan
}
