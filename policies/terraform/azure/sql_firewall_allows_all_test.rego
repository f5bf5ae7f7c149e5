package tollgate.terraform.azure.sql_firewall_allows_all_test

import data.tollgate.terraform.azure.sql_firewall_allows_all
import rego.v1

rule(type, start, end) := {"resource": {type: {"all": [{"name": "all", "server_id": "${azurerm_mssql_server.main.id}", "start_ip_address": start, "end_ip_address": end}]}}}

test_mssql_rule_all_denied if {
	findings := sql_firewall_allows_all.deny with input as rule("azurerm_mssql_firewall_rule", "0.0.0.0", "255.255.255.255")
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_mssql_firewall_rule", "all", 0, "end_ip_address"]
}

test_legacy_sql_rule_all_denied if {
	count(sql_firewall_allows_all.deny) == 1 with input as rule("azurerm_sql_firewall_rule", "0.0.0.0", "255.255.255.255")
}

test_allow_azure_services_rule_allowed if {
	count(sql_firewall_allows_all.deny) == 0 with input as rule("azurerm_mssql_firewall_rule", "0.0.0.0", "0.0.0.0")
}

test_office_range_allowed if {
	count(sql_firewall_allows_all.deny) == 0 with input as rule("azurerm_mssql_firewall_rule", "203.0.113.0", "203.0.113.255")
}

test_unresolved_allowed if {
	count(sql_firewall_allows_all.deny) == 0 with input as rule("azurerm_mssql_firewall_rule", "${var.start_ip}", "${var.end_ip}")
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_mssql_firewall_rule.all",
		"mode": "managed",
		"type": "azurerm_mssql_firewall_rule",
		"name": "all",
		"values": {"name": "all", "start_ip_address": "0.0.0.0", "end_ip_address": "255.255.255.255"},
	}]}}}
	findings := sql_firewall_allows_all.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "end_ip_address"]
}

test_plan_office_range_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_mssql_firewall_rule.office",
		"mode": "managed",
		"type": "azurerm_mssql_firewall_rule",
		"name": "office",
		"values": {"name": "office", "start_ip_address": "203.0.113.0", "end_ip_address": "203.0.113.255"},
	}]}}}
	count(sql_firewall_allows_all.deny) == 0 with input as plan
}
