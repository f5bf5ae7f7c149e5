package tollgate.terraform.azure.app_service_min_tls_test

import data.tollgate.terraform.azure.app_service_min_tls as rule
import rego.v1

app(type, site_config) := {"resource": {type: {"api": [{"name": "acme-api", "https_only": true, "site_config": [site_config]}]}}}

test_tls_1_0_denied if {
	findings := rule.deny with input as app("azurerm_windows_web_app", {"minimum_tls_version": "1.0"})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_windows_web_app", "api", 0, "site_config", 0, "minimum_tls_version"]
}

test_scm_and_legacy_attributes_denied if {
	count(rule.deny) == 1 with input as app("azurerm_linux_function_app", {"scm_minimum_tls_version": "1.1"})
	count(rule.deny) == 1 with input as app("azurerm_app_service", {"min_tls_version": "1.1"})
	count(rule.deny) == 1 with input as app("azurerm_linux_web_app", {"minimum_tls_version": 1.1})
}

test_modern_versions_and_unresolved_allowed if {
	count(rule.deny) == 0 with input as app("azurerm_linux_web_app", {"minimum_tls_version": "1.2", "scm_minimum_tls_version": "1.3"})
	count(rule.deny) == 0 with input as app("azurerm_linux_web_app", {})
	count(rule.deny) == 0 with input as app("azurerm_linux_web_app", {"minimum_tls_version": "${var.tls}"})
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_linux_web_app.api",
		"mode": "managed",
		"type": "azurerm_linux_web_app",
		"name": "api",
		"values": {"name": "acme-api", "site_config": [{"minimum_tls_version": "1.0", "scm_minimum_tls_version": "1.2"}]},
	}]}}}
	{f.path | some f in rule.deny} == {["planned_values", "root_module", "resources", 0, "values", "site_config", 0, "minimum_tls_version"]} with input as plan
}
