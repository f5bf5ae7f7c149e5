# METADATA
# title: Database server accepts unencrypted connections
# description: >-
#   Setting the `require_secure_transport` server parameter of an Azure Database for PostgreSQL or MySQL
#   flexible server to `OFF` lets clients connect without TLS: passwords and query results cross the
#   network in clear text and can be captured or altered. The parameter is `ON` by default.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-networking-ssl-tls
#   - ref: https://learn.microsoft.com/en-us/azure/mysql/flexible-server/concepts-networking#tls-and-ssl
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server_configuration
# custom:
#   id: TG-AZU-DB-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Remove the parameter override (or set it to `ON`) and connect with TLS (`sslmode=require` or
#     stricter):
#
#         resource "azurerm_postgresql_flexible_server_configuration" "secure_transport" {
#           name      = "require_secure_transport"
#           server_id = azurerm_postgresql_flexible_server.main.id
#           value     = "ON"
#         }
#   frameworks:
#     - CIS Microsoft Azure Foundations Benchmark v3.0.0 5.2.1, 5.3.1
#   resource_types: [azurerm_postgresql_flexible_server_configuration, azurerm_mysql_flexible_server_configuration]
package tollgate.terraform.azure.database_secure_transport_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

configuration_types := {
	"azurerm_postgresql_flexible_server_configuration": "PostgreSQL",
	"azurerm_mysql_flexible_server_configuration": "MySQL",
}

deny contains {
	"msg": sprintf("%s server parameter `%s` turns `require_secure_transport` off, allowing unencrypted connections", [engine, r.address]),
	"path": array.concat(r.path, ["value"]),
} if {
	some type, engine in configuration_types
	some r in tf.resources_of(type)
	is_string(r.body.name)
	lower(r.body.name) == "require_secure_transport"
	is_string(r.body.value)
	lower(trim_space(r.body.value)) in {"off", "0", "false"}
}
