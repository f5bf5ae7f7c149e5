package tollgate.terraform.azure.sql_server_public_network_access_test

import data.tollgate.terraform.azure.sql_server_public_network_access
import rego.v1

server(body) := {"resource": {"azurerm_mssql_server": {"main": [object.union({"name": "sql-acme", "version": "12.0", "minimum_tls_version": "1.2"}, body)]}}}

test_enabled_warned if {
	findings := sql_server_public_network_access.warn with input as server({"public_network_access_enabled": true})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_mssql_server", "main", 0, "public_network_access_enabled"]
}

test_missing_warned_on_resource if {
	findings := sql_server_public_network_access.warn with input as server({})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_mssql_server", "main", 0]
}

test_disabled_allowed if {
	count(sql_server_public_network_access.warn) == 0 with input as server({"public_network_access_enabled": false})
}

test_unresolved_allowed if {
	count(sql_server_public_network_access.warn) == 0 with input as server({"public_network_access_enabled": "${var.public_access}"})
}

test_legacy_sql_server_warned if {
	doc := {"resource": {"azurerm_sql_server": {"legacy": [{"name": "sql-legacy", "version": "12.0", "administrator_login": "sqladmin"}]}}}
	findings := sql_server_public_network_access.warn with input as doc
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_sql_server", "legacy", 0]
}

test_reports_as_warning_only if {
	not sql_server_public_network_access.deny with input as server({})
}

test_plan_warned if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_mssql_server.main",
		"mode": "managed",
		"type": "azurerm_mssql_server",
		"name": "main",
		"values": {"name": "sql-acme", "version": "12.0", "public_network_access_enabled": true},
	}]}}}
	findings := sql_server_public_network_access.warn with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "public_network_access_enabled"]
}

test_plan_disabled_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_mssql_server.main",
		"mode": "managed",
		"type": "azurerm_mssql_server",
		"name": "main",
		"values": {"name": "sql-acme", "version": "12.0", "public_network_access_enabled": false},
	}]}}}
	count(sql_server_public_network_access.warn) == 0 with input as plan
}
