package tollgate.terraform.azure.storage_https_only_disabled_test

import data.tollgate.terraform.azure.storage_https_only_disabled
import rego.v1

account(body) := {"resource": {"azurerm_storage_account": {"data": [object.union({"name": "acmedata", "account_tier": "Standard", "account_replication_type": "GRS"}, body)]}}}

test_v3_attribute_false_denied if {
	findings := storage_https_only_disabled.deny with input as account({"enable_https_traffic_only": false})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_storage_account", "data", 0, "enable_https_traffic_only"]
}

test_v4_attribute_false_denied if {
	findings := storage_https_only_disabled.deny with input as account({"https_traffic_only_enabled": false})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_storage_account", "data", 0, "https_traffic_only_enabled"]
}

test_enabled_allowed if {
	count(storage_https_only_disabled.deny) == 0 with input as account({"https_traffic_only_enabled": true})
}

test_missing_allowed if {
	count(storage_https_only_disabled.deny) == 0 with input as account({})
}

test_unresolved_allowed if {
	count(storage_https_only_disabled.deny) == 0 with input as account({"enable_https_traffic_only": "${var.https_only}"})
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_storage_account.data",
		"mode": "managed",
		"type": "azurerm_storage_account",
		"name": "data",
		"values": {"name": "acmedata", "https_traffic_only_enabled": false, "min_tls_version": "TLS1_2"},
	}]}}}
	findings := storage_https_only_disabled.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "https_traffic_only_enabled"]
}

test_plan_default_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_storage_account.data",
		"mode": "managed",
		"type": "azurerm_storage_account",
		"name": "data",
		"values": {"name": "acmedata", "https_traffic_only_enabled": true},
	}]}}}
	count(storage_https_only_disabled.deny) == 0 with input as plan
}
