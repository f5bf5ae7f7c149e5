package tollgate.terraform.azure.storage_public_blob_access_test

import data.tollgate.terraform.azure.storage_public_blob_access
import rego.v1

account(body) := {"resource": {"azurerm_storage_account": {"data": [object.union({"name": "acmedata", "account_tier": "Standard", "account_replication_type": "GRS"}, body)]}}}

container(t) := {"resource": {"azurerm_storage_container": {"reports": [{"name": "reports", "storage_account_name": "acmedata", "container_access_type": t}]}}}

test_nested_items_public_denied if {
	findings := storage_public_blob_access.deny with input as account({"allow_nested_items_to_be_public": true})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_storage_account", "data", 0, "allow_nested_items_to_be_public"]
}

test_legacy_blob_public_access_denied if {
	count(storage_public_blob_access.deny) == 1 with input as account({"allow_blob_public_access": true})
}

test_nested_items_private_allowed if {
	count(storage_public_blob_access.deny) == 0 with input as account({"allow_nested_items_to_be_public": false})
}

test_account_missing_setting_allowed if {
	count(storage_public_blob_access.deny) == 0 with input as account({})
}

test_account_unresolved_allowed if {
	count(storage_public_blob_access.deny) == 0 with input as account({"allow_nested_items_to_be_public": "${var.public}"})
}

test_container_blob_denied if {
	findings := storage_public_blob_access.deny with input as container("blob")
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_storage_container", "reports", 0, "container_access_type"]
}

test_container_container_denied if {
	count(storage_public_blob_access.deny) == 1 with input as container("container")
}

test_container_private_allowed if {
	count(storage_public_blob_access.deny) == 0 with input as container("private")
}

test_container_unresolved_allowed if {
	count(storage_public_blob_access.deny) == 0 with input as container("${var.access_type}")
}

test_plan_container_denied if {
	plan := {"planned_values": {"root_module": {"resources": [
		{
			"address": "azurerm_storage_account.data",
			"mode": "managed",
			"type": "azurerm_storage_account",
			"name": "data",
			"values": {"name": "acmedata", "allow_nested_items_to_be_public": false},
		},
		{
			"address": "azurerm_storage_container.reports",
			"mode": "managed",
			"type": "azurerm_storage_container",
			"name": "reports",
			"values": {"name": "reports", "container_access_type": "container"},
		},
	]}}}
	findings := storage_public_blob_access.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 1, "values", "container_access_type"]
}
