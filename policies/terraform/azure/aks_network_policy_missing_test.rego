package tollgate.terraform.azure.aks_network_policy_missing_test

import data.tollgate.terraform.azure.aks_network_policy_missing as rule
import rego.v1

cluster(body) := {"resource": {"azurerm_kubernetes_cluster": {"main": [object.union({"name": "aks-main", "dns_prefix": "main"}, body)]}}}

test_no_network_profile_warned_on_resource if {
	findings := rule.warn with input as cluster({})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_kubernetes_cluster", "main", 0]
}

test_profile_without_policy_warned_on_block if {
	findings := rule.warn with input as cluster({"network_profile": [{"network_plugin": "azure"}]})
	{f.path | some f in findings} == {["resource", "azurerm_kubernetes_cluster", "main", 0, "network_profile", 0]}
}

test_policy_engines_allowed if {
	count(rule.warn) == 0 with input as cluster({"network_profile": [{"network_plugin": "azure", "network_policy": "azure"}]})
	count(rule.warn) == 0 with input as cluster({"network_profile": [{"network_plugin": "azure", "network_policy": "calico"}]})
	count(rule.warn) == 0 with input as cluster({"network_profile": [{"network_plugin": "azure", "network_data_plane": "cilium", "network_plugin_mode": "overlay"}]})
}

test_unresolved_allowed if {
	count(rule.warn) == 0 with input as cluster({"network_profile": [{"network_plugin": "azure", "network_policy": "${var.network_policy}"}]})
	count(rule.warn) == 0 with input as cluster({"network_profile": [{"network_plugin": "azure", "network_data_plane": "${var.data_plane}"}]})
	count(rule.warn) == 0 with input as cluster({"network_profile": "${local.network_profile}"})
	count(rule.warn) == 0 with input as cluster({"dynamic": {"network_profile": [{"for_each": "${var.np}", "content": [{}]}]}})
}

test_plan_warned if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_kubernetes_cluster.main",
		"mode": "managed",
		"type": "azurerm_kubernetes_cluster",
		"name": "main",
		"values": {"name": "aks-main", "network_profile": [{"network_plugin": "kubenet", "network_policy": null, "network_data_plane": "azure"}]},
	}]}}}
	{f.path | some f in rule.warn} == {["planned_values", "root_module", "resources", 0, "values", "network_profile", 0]} with input as plan
}

test_plan_values_known_after_apply_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_kubernetes_cluster.main",
		"mode": "managed",
		"type": "azurerm_kubernetes_cluster",
		"name": "main",
		"values": {"name": "aks-main", "network_profile": [{"network_plugin": "azure"}]},
	}]}}}
	count(rule.warn) == 0 with input as plan
}

test_bring_your_own_cni_allowed if {
	count(rule.warn) == 0 with input as cluster({"network_profile": [{"network_plugin": "none"}]})
	count(rule.warn) == 0 with input as cluster({"network_profile": [{"network_plugin": "${var.plugin}"}]})
}
