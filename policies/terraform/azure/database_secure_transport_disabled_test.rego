package tollgate.terraform.azure.database_secure_transport_disabled_test

import data.tollgate.terraform.azure.database_secure_transport_disabled as rule
import rego.v1

config(type, name, value) := {"resource": {type: {"param": [{"name": name, "server_id": "${azurerm_postgresql_flexible_server.main.id}", "value": value}]}}}

test_postgres_off_denied if {
	findings := rule.deny with input as config("azurerm_postgresql_flexible_server_configuration", "require_secure_transport", "off")
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_postgresql_flexible_server_configuration", "param", 0, "value"]
}

test_mysql_off_denied if {
	count(rule.deny) == 1 with input as config("azurerm_mysql_flexible_server_configuration", "require_secure_transport", "OFF")
}

test_on_other_parameter_or_unresolved_allowed if {
	count(rule.deny) == 0 with input as config("azurerm_postgresql_flexible_server_configuration", "require_secure_transport", "ON")
	count(rule.deny) == 0 with input as config("azurerm_postgresql_flexible_server_configuration", "log_connections", "off")
	count(rule.deny) == 0 with input as config("azurerm_mysql_flexible_server_configuration", "require_secure_transport", "${var.secure_transport}")
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_mysql_flexible_server_configuration.tls",
		"mode": "managed",
		"type": "azurerm_mysql_flexible_server_configuration",
		"name": "tls",
		"values": {"name": "require_secure_transport", "value": "OFF", "server_name": "db"},
	}]}}}
	{f.path | some f in rule.deny} == {["planned_values", "root_module", "resources", 0, "values", "value"]} with input as plan
}
