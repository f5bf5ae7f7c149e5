# METADATA
# title: AKS cluster without Kubernetes RBAC
# description: >-
#   With Kubernetes RBAC disabled an AKS cluster cannot scope what users and service accounts may do:
#   every authenticated identity gets unrestricted access to the cluster API. RBAC cannot be turned on
#   later without recreating the cluster.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/aks/concepts-identity#kubernetes-rbac
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#role_based_access_control_enabled
# custom:
#   id: TG-AZU-AKS-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Keep Kubernetes RBAC enabled (the default) and preferably integrate it with Entra ID:
#
#         resource "azurerm_kubernetes_cluster" "main" {
#           # ...
#           role_based_access_control_enabled = true
#
#           azure_active_directory_role_based_access_control {
#             azure_rbac_enabled = true
#           }
#         }
#   frameworks:
#     - Microsoft cloud security benchmark PA-7
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [azurerm_kubernetes_cluster]
package tollgate.terraform.azure.aks_rbac_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

# azurerm 3.x and later.
deny contains {
	"msg": sprintf("AKS cluster `%s` disables Kubernetes RBAC", [r.address]),
	"path": array.concat(r.path, ["role_based_access_control_enabled"]),
} if {
	some r in tf.resources_of("azurerm_kubernetes_cluster")
	tf.is_false(r.body.role_based_access_control_enabled)
}

# azurerm 2.x: role_based_access_control { enabled = false }.
deny contains {
	"msg": sprintf("AKS cluster `%s` disables Kubernetes RBAC", [r.address]),
	"path": array.concat(r.path, ["role_based_access_control", i, "enabled"]),
} if {
	some r in tf.resources_of("azurerm_kubernetes_cluster")
	is_array(r.body.role_based_access_control)
	some i, b in r.body.role_based_access_control
	is_object(b)
	tf.is_false(b.enabled)
}
