package tollgate.terraform.azure.app_service_remote_debugging_test

import data.tollgate.terraform.azure.app_service_remote_debugging as rule
import rego.v1

app(type, site_config) := {"resource": {type: {"api": [{"name": "acme-api", "https_only": true, "site_config": [site_config]}]}}}

test_enabled_warned if {
	findings := rule.warn with input as app("azurerm_windows_web_app", {"remote_debugging_enabled": true, "remote_debugging_version": "VS2022"})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_windows_web_app", "api", 0, "site_config", 0, "remote_debugging_enabled"]
}

test_legacy_and_string_warned if {
	count(rule.warn) == 1 with input as app("azurerm_app_service", {"remote_debugging_enabled": "true"})
}

test_disabled_absent_or_unresolved_allowed if {
	count(rule.warn) == 0 with input as app("azurerm_windows_web_app", {"remote_debugging_enabled": false})
	count(rule.warn) == 0 with input as app("azurerm_windows_web_app", {})
	count(rule.warn) == 0 with input as app("azurerm_windows_web_app", {"remote_debugging_enabled": "${var.debug}"})
}

test_plan_warned if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_linux_function_app.api",
		"mode": "managed",
		"type": "azurerm_linux_function_app",
		"name": "api",
		"values": {"name": "acme-api", "site_config": [{"remote_debugging_enabled": true}]},
	}]}}}
	{f.path | some f in rule.warn} == {["planned_values", "root_module", "resources", 0, "values", "site_config", 0, "remote_debugging_enabled"]} with input as plan
}
