package tollgate.terraform.azure.aks_rbac_disabled_test

import data.tollgate.terraform.azure.aks_rbac_disabled
import rego.v1

cluster(body) := {"resource": {"azurerm_kubernetes_cluster": {"main": [object.union({"name": "aks-main", "dns_prefix": "main", "default_node_pool": [{"name": "system", "node_count": 3, "vm_size": "Standard_D4s_v5"}]}, body)]}}}

test_rbac_disabled_denied if {
	findings := aks_rbac_disabled.deny with input as cluster({"role_based_access_control_enabled": false})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_kubernetes_cluster", "main", 0, "role_based_access_control_enabled"]
}

test_legacy_block_disabled_denied if {
	findings := aks_rbac_disabled.deny with input as cluster({"role_based_access_control": [{"enabled": false}]})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_kubernetes_cluster", "main", 0, "role_based_access_control", 0, "enabled"]
}

test_rbac_enabled_allowed if {
	count(aks_rbac_disabled.deny) == 0 with input as cluster({"role_based_access_control_enabled": true})
}

test_legacy_block_enabled_allowed if {
	count(aks_rbac_disabled.deny) == 0 with input as cluster({"role_based_access_control": [{"enabled": true, "azure_active_directory": [{"managed": true}]}]})
}

test_missing_allowed if {
	count(aks_rbac_disabled.deny) == 0 with input as cluster({})
}

test_unresolved_allowed if {
	count(aks_rbac_disabled.deny) == 0 with input as cluster({"role_based_access_control_enabled": "${var.rbac}"})
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_kubernetes_cluster.main",
		"mode": "managed",
		"type": "azurerm_kubernetes_cluster",
		"name": "main",
		"values": {"name": "aks-main", "role_based_access_control_enabled": false},
	}]}}}
	findings := aks_rbac_disabled.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "role_based_access_control_enabled"]
}

test_plan_enabled_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_kubernetes_cluster.main",
		"mode": "managed",
		"type": "azurerm_kubernetes_cluster",
		"name": "main",
		"values": {"name": "aks-main", "role_based_access_control_enabled": true},
	}]}}}
	count(aks_rbac_disabled.deny) == 0 with input as plan
}
