# METADATA
# title: Key Vault without purge protection
# description: >-
#   Without purge protection a deleted Key Vault (or a deleted key, secret or certificate) can be purged
#   before its soft-delete retention period ends, so a compromised identity or a mistake can destroy keys
#   for good, including the keys that encrypt your data.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview#purge-protection
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#purge_protection_enabled
# custom:
#   id: TG-AZU-KV-001
#   severity: medium
#   enforcement: block
#   remediation: |
#     Enable purge protection (it cannot be turned off again once enabled):
#
#         resource "azurerm_key_vault" "main" {
#           name                       = "kv-acme-prod"
#           location                   = azurerm_resource_group.main.location
#           resource_group_name        = azurerm_resource_group.main.name
#           tenant_id                  = data.azurerm_client_config.current.tenant_id
#           sku_name                   = "standard"
#           soft_delete_retention_days = 90
#           purge_protection_enabled   = true
#         }
#   frameworks:
#     - CIS Microsoft Azure Foundations Benchmark v3.0.0 3.3.5
#   resource_types: [azurerm_key_vault]
package tollgate.terraform.azure.key_vault_purge_protection_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("Key Vault `%s` disables purge protection", [r.address]),
	"path": array.concat(r.path, ["purge_protection_enabled"]),
} if {
	some r in tf.resources_of("azurerm_key_vault")
	tf.is_false(r.body.purge_protection_enabled)
}

deny contains {
	"msg": sprintf("Key Vault `%s` does not enable purge protection", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("azurerm_key_vault")
	object.get(r.body, "purge_protection_enabled", null) == null
}
