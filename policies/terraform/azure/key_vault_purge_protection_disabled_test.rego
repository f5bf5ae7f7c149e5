package tollgate.terraform.azure.key_vault_purge_protection_disabled_test

import data.tollgate.terraform.azure.key_vault_purge_protection_disabled
import rego.v1

vault(body) := {"resource": {"azurerm_key_vault": {"main": [object.union({"name": "kv-acme", "sku_name": "standard", "tenant_id": "${data.azurerm_client_config.current.tenant_id}"}, body)]}}}

test_disabled_denied if {
	findings := key_vault_purge_protection_disabled.deny with input as vault({"purge_protection_enabled": false})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_key_vault", "main", 0, "purge_protection_enabled"]
}

test_missing_denied_on_resource if {
	findings := key_vault_purge_protection_disabled.deny with input as vault({"soft_delete_retention_days": 7})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_key_vault", "main", 0]
}

test_enabled_allowed if {
	count(key_vault_purge_protection_disabled.deny) == 0 with input as vault({"purge_protection_enabled": true})
}

test_unresolved_allowed if {
	count(key_vault_purge_protection_disabled.deny) == 0 with input as vault({"purge_protection_enabled": "${var.purge_protection}"})
}

test_plan_default_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_key_vault.main",
		"mode": "managed",
		"type": "azurerm_key_vault",
		"name": "main",
		"values": {"name": "kv-acme", "sku_name": "standard", "purge_protection_enabled": false, "soft_delete_retention_days": 90},
	}]}}}
	findings := key_vault_purge_protection_disabled.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "purge_protection_enabled"]
}

test_plan_enabled_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_key_vault.main",
		"mode": "managed",
		"type": "azurerm_key_vault",
		"name": "main",
		"values": {"name": "kv-acme", "purge_protection_enabled": true},
	}]}}}
	count(key_vault_purge_protection_disabled.deny) == 0 with input as plan
}
