# METADATA
# title: Container registry admin user enabled
# description: >-
#   The admin user of an Azure Container Registry is a single shared username and password with push and
#   pull rights on every repository. It cannot be scoped, is not tied to an identity (so pushes are not
#   attributable) and ends up in CI variables and image pull secrets. Use Microsoft Entra identities,
#   managed identities or repository-scoped tokens instead.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-authentication#admin-account
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_registry#admin_enabled
# custom:
#   id: TG-AZU-ACR-001
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Disable the admin user and grant `AcrPull`/`AcrPush` to the identities that need them:
#
#         resource "azurerm_container_registry" "main" {
#           name                = "acmeregistry"
#           resource_group_name = azurerm_resource_group.main.name
#           location            = azurerm_resource_group.main.location
#           sku                 = "Premium"
#           admin_enabled       = false
#         }
#
#         resource "azurerm_role_assignment" "aks_pull" {
#           scope                = azurerm_container_registry.main.id
#           role_definition_name = "AcrPull"
#           principal_id         = azurerm_kubernetes_cluster.main.kubelet_identity[0].object_id
#         }
#   frameworks:
#     - Microsoft cloud security benchmark IM-1
#   resource_types: [azurerm_container_registry]
package tollgate.terraform.azure.container_registry_admin_enabled

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("Container registry `%s` enables the shared admin user", [r.address]),
	"path": array.concat(r.path, ["admin_enabled"]),
} if {
	some r in tf.resources_of("azurerm_container_registry")
	tf.is_true(r.body.admin_enabled)
}
