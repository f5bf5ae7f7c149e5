# METADATA
# title: Storage account accepts plain HTTP
# description: >-
#   With secure transfer turned off a storage account accepts requests over plain HTTP (and SMB without
#   encryption), so shared keys, SAS tokens and data travel in clear text.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/storage/common/storage-require-secure-transfer
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#https_traffic_only_enabled
# custom:
#   id: TG-AZU-ST-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Remove the setting (secure transfer is on by default) or set it to true:
#
#         resource "azurerm_storage_account" "data" {
#           name                       = "acmedata"
#           resource_group_name        = azurerm_resource_group.main.name
#           location                   = azurerm_resource_group.main.location
#           account_tier               = "Standard"
#           account_replication_type   = "GRS"
#           https_traffic_only_enabled = true   # `enable_https_traffic_only` before azurerm 4.0
#         }
#   frameworks:
#     - CIS Microsoft Azure Foundations Benchmark v3.0.0 4.1
#   resource_types: [azurerm_storage_account]
package tollgate.terraform.azure.storage_https_only_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

# azurerm 3.x name, azurerm 4.x name.
attributes := ["enable_https_traffic_only", "https_traffic_only_enabled"]

deny contains {
	"msg": sprintf("Storage account `%s` accepts plain HTTP requests (`%s = false`)", [r.address, attr]),
	"path": array.concat(r.path, [attr]),
} if {
	some r in tf.resources_of("azurerm_storage_account")
	some attr in attributes
	tf.is_false(r.body[attr])
}
