# METADATA
# title: Storage account allows TLS 1.0 / 1.1
# description: >-
#   A storage account whose `min_tls_version` is `TLS1_0` or `TLS1_1` accepts clients on deprecated TLS
#   versions with known weaknesses; Azure is retiring them, and TLS 1.2 is the minimum to require.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#min_tls_version
# custom:
#   id: TG-AZU-ST-002
#   severity: high
#   enforcement: block
#   remediation: |
#     Require TLS 1.2 (the provider default since azurerm 3.0):
#
#         resource "azurerm_storage_account" "data" {
#           name                     = "acmedata"
#           resource_group_name      = azurerm_resource_group.main.name
#           location                 = azurerm_resource_group.main.location
#           account_tier             = "Standard"
#           account_replication_type = "GRS"
#           min_tls_version          = "TLS1_2"
#         }
#   frameworks:
#     - CIS Microsoft Azure Foundations Benchmark v3.0.0 4.15
#   resource_types: [azurerm_storage_account]
package tollgate.terraform.azure.storage_min_tls

import data.tollgate.lib.terraform as tf
import rego.v1

weak_versions := {"TLS1_0", "TLS1_1"}

deny contains {
	"msg": sprintf("Storage account `%s` accepts connections over `%s`", [r.address, v]),
	"path": array.concat(r.path, ["min_tls_version"]),
} if {
	some r in tf.resources_of("azurerm_storage_account")
	v := r.body.min_tls_version
	is_string(v)
	upper(v) in weak_versions
}
