# METADATA
# title: Database server accepts TLS 1.0 / 1.1
# description: >-
#   A MySQL flexible server `tls_version` parameter that lists `TLSv1` or `TLSv1.1`, or a PostgreSQL
#   flexible server `ssl_min_protocol_version` of `TLSv1` or `TLSv1.1`, lets clients negotiate deprecated
#   TLS versions with known weaknesses. Both default to TLS 1.2.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/mysql/flexible-server/concepts-networking#tls-and-ssl
#   - ref: https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-networking-ssl-tls
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mysql_flexible_server_configuration
# custom:
#   id: TG-AZU-DB-002
#   severity: medium
#   enforcement: block
#   remediation: |
#     Accept TLS 1.2 and later only (or remove the override):
#
#         resource "azurerm_mysql_flexible_server_configuration" "tls_version" {
#           name                = "tls_version"
#           resource_group_name = azurerm_resource_group.data.name
#           server_name         = azurerm_mysql_flexible_server.main.name
#           value               = "TLSv1.2,TLSv1.3"
#         }
#   frameworks:
#     - CIS Microsoft Azure Foundations Benchmark v3.0.0 5.3.2
#   resource_types: [azurerm_postgresql_flexible_server_configuration, azurerm_mysql_flexible_server_configuration]
package tollgate.terraform.azure.database_tls_outdated

import data.tollgate.lib.terraform as tf
import rego.v1

# Resource type -> [engine, parameter].
parameters := {
	"azurerm_mysql_flexible_server_configuration": ["MySQL", "tls_version"],
	"azurerm_postgresql_flexible_server_configuration": ["PostgreSQL", "ssl_min_protocol_version"],
}

weak_versions := {"tlsv1", "tlsv1.0", "tlsv1.1"}

deny contains {
	"msg": sprintf("%s server parameter `%s` accepts %s (`%s = \"%s\"`)", [engine, r.address, concat(", ", [sprintf("`%s`", [v]) | some v in sort(weak)]), param, r.body.value]),
	"path": array.concat(r.path, ["value"]),
} if {
	some type, [engine, param] in parameters
	some r in tf.resources_of(type)
	is_string(r.body.name)
	lower(r.body.name) == param
	is_string(r.body.value)
	weak := {trim_space(v) | some v in split(r.body.value, ","); lower(trim_space(v)) in weak_versions}
	count(weak) > 0
}
