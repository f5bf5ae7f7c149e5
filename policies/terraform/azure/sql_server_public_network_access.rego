# METADATA
# title: Azure SQL server reachable from public networks
# description: >-
#   Public network access is on by default for an Azure SQL logical server, which then listens on a public
#   endpoint guarded only by its firewall rules. Turning it off restricts access to private endpoints.
#   The deprecated `azurerm_sql_server` resource cannot turn it off at all.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#deny-public-network-access
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server#public_network_access_enabled
# custom:
#   id: TG-AZU-SQL-001
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Disable public network access and connect through a private endpoint (migrate `azurerm_sql_server`
#     to `azurerm_mssql_server`):
#
#         resource "azurerm_mssql_server" "main" {
#           name                          = "sql-acme-prod"
#           resource_group_name           = azurerm_resource_group.main.name
#           location                      = azurerm_resource_group.main.location
#           version                       = "12.0"
#           minimum_tls_version           = "1.2"
#           public_network_access_enabled = false
#         }
#   frameworks:
#     - Microsoft cloud security benchmark NS-2
#   resource_types: [azurerm_mssql_server, azurerm_sql_server]
package tollgate.terraform.azure.sql_server_public_network_access

import data.tollgate.lib.terraform as tf
import rego.v1

server_types := {"azurerm_mssql_server", "azurerm_sql_server"}

warn contains {
	"msg": sprintf("SQL server `%s` allows public network access", [r.address]),
	"path": array.concat(r.path, ["public_network_access_enabled"]),
} if {
	some type in server_types
	some r in tf.resources_of(type)
	tf.is_true(r.body.public_network_access_enabled)
}

warn contains {
	"msg": sprintf("SQL server `%s` allows public network access (`public_network_access_enabled` defaults to true)", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("azurerm_mssql_server")
	object.get(r.body, "public_network_access_enabled", null) == null
}

warn contains {
	"msg": sprintf("SQL server `%s` allows public network access (`azurerm_sql_server` cannot disable it)", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("azurerm_sql_server")
	object.get(r.body, "public_network_access_enabled", null) == null
}
