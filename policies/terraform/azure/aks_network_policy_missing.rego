# METADATA
# title: AKS cluster without a network policy engine
# description: >-
#   Without `network_profile.network_policy` (Azure, Calico or Cilium), an AKS cluster does not enforce
#   Kubernetes NetworkPolicy objects: every pod can reach every other pod and namespace, so one
#   compromised workload can reach the databases, internal APIs and admin endpoints of all others.
#   Clusters using the Cilium data plane, or bringing their own CNI (`network_plugin =
#   "none"`), are not reported.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/aks/use-network-policies
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#network_policy
# custom:
#   id: TG-AZU-AKS-002
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Choose a network policy engine (then write NetworkPolicies for the namespaces):
#
#         resource "azurerm_kubernetes_cluster" "main" {
#           # ...
#           network_profile {
#             network_plugin      = "azure"
#             network_plugin_mode = "overlay"
#             network_data_plane  = "cilium"
#             network_policy      = "cilium"
#           }
#         }
#   frameworks:
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [azurerm_kubernetes_cluster]
package tollgate.terraform.azure.aks_network_policy_missing

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("AKS cluster `%s` has no `network_profile`, so it uses kubenet without a network policy engine", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("azurerm_kubernetes_cluster")
	unset(r, r.body, "network_profile")
	not r.body.dynamic.network_profile
}

warn contains {
	"msg": sprintf("AKS cluster `%s` sets no `network_policy`, so NetworkPolicy objects are not enforced", [r.address]),
	"path": array.concat(r.path, ["network_profile", i]),
} if {
	some r in tf.resources_of("azurerm_kubernetes_cluster")
	is_array(r.body.network_profile)
	some i, np in r.body.network_profile
	is_object(np)
	no_policy(r, np)
	not cilium_data_plane(np)
	not bring_your_own_cni(np)
}

no_policy(r, np) if unset(r, np, "network_policy")

no_policy(_, np) if np.network_policy == ""

cilium_data_plane(np) if {
	is_string(np.network_data_plane)
	lower(np.network_data_plane) == "cilium"
}

# An unresolved data plane may be Cilium: not judged.
cilium_data_plane(np) if tf.is_unknown(np.network_data_plane)

# `network_plugin = "none"`: the CNI installed on the cluster (Cilium, Calico...) enforces policies,
# which the configuration does not show; an unresolved plugin is not judged either.
bring_your_own_cni(np) if {
	is_string(np.network_plugin)
	lower(np.network_plugin) == "none"
}

bring_your_own_cni(np) if tf.is_unknown(np.network_plugin)

# Not set: absent from a configuration; in a plan, present as null (a plan leaves out values known
# only after apply, such as the email of a service account created in the same run).
unset(r, obj, attr) if {
	r.path[0] != "planned_values"
	object.get(obj, attr, null) == null
}

unset(r, obj, attr) if {
	r.path[0] == "planned_values"
	attr in object.keys(obj)
	obj[attr] == null
}
