package tollgate.terraform.azure.app_service_ftp_allowed_test

import data.tollgate.terraform.azure.app_service_ftp_allowed as rule
import rego.v1

app(type, body) := {"resource": {type: {"api": [object.union({"name": "acme-api", "https_only": true}, body)]}}}

test_all_allowed_denied if {
	findings := rule.deny with input as app("azurerm_linux_web_app", {"site_config": [{"ftps_state": "AllAllowed"}]})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_linux_web_app", "api", 0, "site_config", 0, "ftps_state"]
}

test_modern_default_allowed if {
	count(rule.deny) == 0 with input as app("azurerm_linux_web_app", {"site_config": [{}]})
	count(rule.deny) == 0 with input as app("azurerm_windows_function_app", {"site_config": [{"ftps_state": "FtpsOnly"}]})
	count(rule.deny) == 0 with input as app("azurerm_linux_web_app", {"site_config": [{"ftps_state": "${var.ftps_state}"}]})
}

test_legacy_default_denied if {
	findings := rule.deny with input as app("azurerm_function_app", {"site_config": [{"always_on": true}]})
	{f.path | some f in findings} == {["resource", "azurerm_function_app", "api", 0, "site_config", 0]}
	findings2 := rule.deny with input as app("azurerm_logic_app_standard", {})
	{f.path | some f in findings2} == {["resource", "azurerm_logic_app_standard", "api", 0]}
}

test_legacy_explicit_or_generated_allowed if {
	count(rule.deny) == 0 with input as app("azurerm_logic_app_standard", {"site_config": [{"ftps_state": "Disabled"}]})
	count(rule.deny) == 0 with input as app("azurerm_function_app", {"site_config": "${local.site_config}"})
	count(rule.deny) == 0 with input as app("azurerm_function_app", {"dynamic": {"site_config": [{"for_each": "${var.x}", "content": [{}]}]}})
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_windows_web_app.api",
		"mode": "managed",
		"type": "azurerm_windows_web_app",
		"name": "api",
		"values": {"name": "acme-api", "site_config": [{"ftps_state": "AllAllowed"}]},
	}]}}}
	{f.path | some f in rule.deny} == {["planned_values", "root_module", "resources", 0, "values", "site_config", 0, "ftps_state"]} with input as plan
}
