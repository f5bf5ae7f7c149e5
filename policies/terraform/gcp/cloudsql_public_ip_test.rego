package tollgate.terraform.gcp.cloudsql_public_ip_test

import data.tollgate.terraform.gcp.cloudsql_public_ip
import rego.v1

db(settings) := {"resource": {"google_sql_database_instance": {"main": [{"name": "main", "database_version": "POSTGRES_15", "settings": [settings]}]}}}

test_ipv4_enabled_denied if {
	findings := cloudsql_public_ip.deny with input as db({"tier": "db-f1-micro", "ip_configuration": [{"ipv4_enabled": true}]})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_sql_database_instance", "main", 0, "settings", 0, "ip_configuration", 0, "ipv4_enabled"]
}

test_open_authorized_network_denied_on_network if {
	findings := cloudsql_public_ip.deny with input as db({"ip_configuration": [{"ipv4_enabled": true, "authorized_networks": [
		{"name": "office", "value": "203.0.113.0/24"},
		{"name": "all", "value": "0.0.0.0/0"},
	]}]})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_sql_database_instance", "main", 0, "settings", 0, "ip_configuration", 0, "authorized_networks", 1, "value"]
	contains(f.msg, "0.0.0.0/0")
}

test_missing_ip_configuration_denied_on_settings if {
	findings := cloudsql_public_ip.deny with input as db({"tier": "db-f1-micro"})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_sql_database_instance", "main", 0, "settings", 0]
}

test_ip_configuration_without_ipv4_enabled_denied if {
	findings := cloudsql_public_ip.deny with input as db({"ip_configuration": [{"ssl_mode": "ENCRYPTED_ONLY"}]})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_sql_database_instance", "main", 0, "settings", 0, "ip_configuration", 0]
}

test_private_ip_allowed if {
	count(cloudsql_public_ip.deny) == 0 with input as db({"ip_configuration": [{"ipv4_enabled": false, "private_network": "${google_compute_network.main.id}"}]})
}

test_private_ip_with_stale_open_network_allowed if {
	count(cloudsql_public_ip.deny) == 0 with input as db({"ip_configuration": [{"ipv4_enabled": false, "authorized_networks": [{"value": "0.0.0.0/0"}]}]})
}

test_unresolved_ipv4_enabled_allowed if {
	count(cloudsql_public_ip.deny) == 0 with input as db({"ip_configuration": [{"ipv4_enabled": "${var.public_ip}"}]})
}

test_unresolved_network_value_with_unresolved_ipv4_allowed if {
	count(cloudsql_public_ip.deny) == 0 with input as db({"ip_configuration": [{"ipv4_enabled": "${var.public_ip}", "authorized_networks": [{"value": "${var.cidr}"}]}]})
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_sql_database_instance.main",
		"mode": "managed",
		"type": "google_sql_database_instance",
		"name": "main",
		"values": {"name": "main", "database_version": "MYSQL_8_0", "settings": [{"tier": "db-n1-standard-1", "ip_configuration": [{
			"ipv4_enabled": true, "private_network": null, "require_ssl": false,
			"authorized_networks": [{"name": "anywhere", "value": "0.0.0.0/0", "expiration_time": ""}],
		}]}]},
	}]}}}
	findings := cloudsql_public_ip.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "settings", 0, "ip_configuration", 0, "authorized_networks", 0, "value"]
}

test_plan_private_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_sql_database_instance.main",
		"mode": "managed",
		"type": "google_sql_database_instance",
		"name": "main",
		"values": {"name": "main", "settings": [{"ip_configuration": [{"ipv4_enabled": false, "authorized_networks": []}]}]},
	}]}}}
	count(cloudsql_public_ip.deny) == 0 with input as plan
}

test_dynamic_ip_configuration_not_judged if {
	doc := db({"tier": "db-f1-micro", "dynamic": {"ip_configuration": [{"for_each": "${var.ip_configuration}", "content": [{"ipv4_enabled": "${ip_configuration.value.public}"}]}]}})
	count(cloudsql_public_ip.deny) == 0 with input as doc
}

test_odd_types_no_error if {
	count(cloudsql_public_ip.deny) == 0 with input as db({"tier": "db-f1-micro", "ip_configuration": "${var.ipc}"})
	count(cloudsql_public_ip.deny) == 0 with input as {"resource": {"google_sql_database_instance": {"main": [{"settings": "${var.settings}"}]}}}
}
