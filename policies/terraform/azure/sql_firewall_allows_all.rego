# METADATA
# title: Azure SQL firewall rule allows every IPv4 address
# description: >-
#   A server-level firewall rule from `0.0.0.0` to `255.255.255.255` lets any host on the internet reach
#   the SQL server's public endpoint, leaving only the login between attackers and the databases.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/azure-sql/database/firewall-configure
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_firewall_rule
# custom:
#   id: TG-AZU-SQL-002
#   severity: critical
#   enforcement: block
#   remediation: |
#     Allow only the address ranges that need access (or use private endpoints and disable public
#     network access):
#
#         resource "azurerm_mssql_firewall_rule" "office" {
#           name             = "office"
#           server_id        = azurerm_mssql_server.main.id
#           start_ip_address = "203.0.113.0"
#           end_ip_address   = "203.0.113.255"
#         }
#   frameworks:
#     - CIS Microsoft Azure Foundations Benchmark v3.0.0 5.1.2
#   resource_types: [azurerm_mssql_firewall_rule, azurerm_sql_firewall_rule]
package tollgate.terraform.azure.sql_firewall_allows_all

import data.tollgate.lib.terraform as tf
import rego.v1

rule_types := {"azurerm_mssql_firewall_rule", "azurerm_sql_firewall_rule"}

deny contains {
	"msg": sprintf("SQL firewall rule `%s` allows every IPv4 address (`0.0.0.0` - `255.255.255.255`)", [r.address]),
	"path": array.concat(r.path, ["end_ip_address"]),
} if {
	some type in rule_types
	some r in tf.resources_of(type)
	r.body.start_ip_address == "0.0.0.0"
	r.body.end_ip_address == "255.255.255.255"
}
