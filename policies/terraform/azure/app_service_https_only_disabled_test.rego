package tollgate.terraform.azure.app_service_https_only_disabled_test

import data.tollgate.terraform.azure.app_service_https_only_disabled as rule
import rego.v1

app(type, body) := {"resource": {type: {"api": [object.union({"name": "acme-api", "service_plan_id": "${azurerm_service_plan.main.id}", "site_config": [{}]}, body)]}}}

test_false_denied_on_attribute if {
	findings := rule.deny with input as app("azurerm_linux_web_app", {"https_only": false})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_linux_web_app", "api", 0, "https_only"]
}

test_missing_denied_on_resource if {
	findings := rule.deny with input as app("azurerm_windows_function_app", {})
	{f.path | some f in findings} == {["resource", "azurerm_windows_function_app", "api", 0]}
}

test_legacy_and_slot_types_denied if {
	count(rule.deny) == 1 with input as app("azurerm_app_service", {"https_only": "false"})
	count(rule.deny) == 1 with input as app("azurerm_linux_web_app_slot", {})
}

test_enabled_or_unresolved_allowed if {
	count(rule.deny) == 0 with input as app("azurerm_linux_web_app", {"https_only": true})
	count(rule.deny) == 0 with input as app("azurerm_linux_web_app", {"https_only": "${var.https_only}"})
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_linux_web_app.api",
		"mode": "managed",
		"type": "azurerm_linux_web_app",
		"name": "api",
		"values": {"name": "acme-api", "https_only": false},
	}]}}}
	{f.path | some f in rule.deny} == {["planned_values", "root_module", "resources", 0, "values", "https_only"]} with input as plan
}
