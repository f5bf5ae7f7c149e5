package tollgate.terraform.azure.storage_min_tls_test

import data.tollgate.terraform.azure.storage_min_tls
import rego.v1

account(body) := {"resource": {"azurerm_storage_account": {"data": [object.union({"name": "acmedata", "account_tier": "Standard", "account_replication_type": "GRS"}, body)]}}}

test_tls10_denied if {
	findings := storage_min_tls.deny with input as account({"min_tls_version": "TLS1_0"})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_storage_account", "data", 0, "min_tls_version"]
}

test_tls11_denied if {
	count(storage_min_tls.deny) == 1 with input as account({"min_tls_version": "TLS1_1"})
}

test_tls12_allowed if {
	count(storage_min_tls.deny) == 0 with input as account({"min_tls_version": "TLS1_2"})
}

test_missing_allowed if {
	count(storage_min_tls.deny) == 0 with input as account({})
}

test_unresolved_allowed if {
	count(storage_min_tls.deny) == 0 with input as account({"min_tls_version": "${var.min_tls}"})
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_storage_account.data",
		"mode": "managed",
		"type": "azurerm_storage_account",
		"name": "data",
		"values": {"name": "acmedata", "min_tls_version": "TLS1_1"},
	}]}}}
	findings := storage_min_tls.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "min_tls_version"]
}

test_plan_tls12_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_storage_account.data",
		"mode": "managed",
		"type": "azurerm_storage_account",
		"name": "data",
		"values": {"name": "acmedata", "min_tls_version": "TLS1_2"},
	}]}}}
	count(storage_min_tls.deny) == 0 with input as plan
}
