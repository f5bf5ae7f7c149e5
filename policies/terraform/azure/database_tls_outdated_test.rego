package tollgate.terraform.azure.database_tls_outdated_test

import data.tollgate.terraform.azure.database_tls_outdated as rule
import rego.v1

config(type, name, value) := {"resource": {type: {"param": [{"name": name, "server_name": "db", "value": value}]}}}

test_mysql_list_with_old_versions_denied if {
	findings := rule.deny with input as config("azurerm_mysql_flexible_server_configuration", "tls_version", "TLSv1,TLSv1.1,TLSv1.2")
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_mysql_flexible_server_configuration", "param", 0, "value"]
	contains(f.msg, "`TLSv1`, `TLSv1.1`")
}

test_postgres_min_version_denied if {
	count(rule.deny) == 1 with input as config("azurerm_postgresql_flexible_server_configuration", "ssl_min_protocol_version", "TLSv1.1")
}

test_modern_versions_allowed if {
	count(rule.deny) == 0 with input as config("azurerm_mysql_flexible_server_configuration", "tls_version", "TLSv1.2,TLSv1.3")
	count(rule.deny) == 0 with input as config("azurerm_postgresql_flexible_server_configuration", "ssl_min_protocol_version", "TLSv1.2")
	count(rule.deny) == 0 with input as config("azurerm_mysql_flexible_server_configuration", "tls_version", "${var.tls_versions}")
}

test_parameter_of_other_engine_ignored if {
	count(rule.deny) == 0 with input as config("azurerm_postgresql_flexible_server_configuration", "tls_version", "TLSv1")
}
