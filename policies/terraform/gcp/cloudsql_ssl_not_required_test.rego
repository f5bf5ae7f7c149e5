package tollgate.terraform.gcp.cloudsql_ssl_not_required_test

import data.tollgate.terraform.gcp.cloudsql_ssl_not_required
import rego.v1

db(settings) := {"resource": {"google_sql_database_instance": {"main": [{"name": "main", "database_version": "POSTGRES_15", "settings": [settings]}]}}}

ipc(c) := db({"tier": "db-f1-micro", "ip_configuration": [c]})

prefix := ["resource", "google_sql_database_instance", "main", 0, "settings", 0]

test_allow_unencrypted_mode_denied if {
	findings := cloudsql_ssl_not_required.deny with input as ipc({"ipv4_enabled": false, "ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"})
	count(findings) == 1
	some f in findings
	f.path == array.concat(prefix, ["ip_configuration", 0, "ssl_mode"])
}

test_require_ssl_false_denied if {
	findings := cloudsql_ssl_not_required.deny with input as ipc({"ipv4_enabled": true, "require_ssl": false})
	count(findings) == 1
	some f in findings
	f.path == array.concat(prefix, ["ip_configuration", 0, "require_ssl"])
}

test_ip_configuration_without_ssl_denied if {
	findings := cloudsql_ssl_not_required.deny with input as ipc({"ipv4_enabled": false, "private_network": "${google_compute_network.main.id}"})
	count(findings) == 1
	some f in findings
	f.path == array.concat(prefix, ["ip_configuration", 0])
}

test_missing_ip_configuration_denied if {
	findings := cloudsql_ssl_not_required.deny with input as db({"tier": "db-f1-micro"})
	count(findings) == 1
	some f in findings
	f.path == prefix
}

test_encrypted_only_allowed if {
	count(cloudsql_ssl_not_required.deny) == 0 with input as ipc({"ipv4_enabled": false, "ssl_mode": "ENCRYPTED_ONLY"})
}

test_trusted_client_certificate_allowed if {
	count(cloudsql_ssl_not_required.deny) == 0 with input as ipc({"ssl_mode": "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"})
}

test_legacy_require_ssl_allowed if {
	count(cloudsql_ssl_not_required.deny) == 0 with input as ipc({"require_ssl": true})
}

test_unresolved_ssl_mode_allowed if {
	count(cloudsql_ssl_not_required.deny) == 0 with input as ipc({"ssl_mode": "${var.ssl_mode}"})
}

test_unresolved_require_ssl_allowed if {
	count(cloudsql_ssl_not_required.deny) == 0 with input as ipc({"require_ssl": "${var.require_ssl}"})
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_sql_database_instance.main",
		"mode": "managed",
		"type": "google_sql_database_instance",
		"name": "main",
		"values": {"name": "main", "settings": [{"ip_configuration": [{"ipv4_enabled": false, "require_ssl": false, "ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"}]}]},
	}]}}}
	findings := cloudsql_ssl_not_required.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "settings", 0, "ip_configuration", 0, "ssl_mode"]
}

test_plan_encrypted_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_sql_database_instance.main",
		"mode": "managed",
		"type": "google_sql_database_instance",
		"name": "main",
		"values": {"name": "main", "settings": [{"ip_configuration": [{"ipv4_enabled": false, "require_ssl": false, "ssl_mode": "ENCRYPTED_ONLY"}]}]},
	}]}}}
	count(cloudsql_ssl_not_required.deny) == 0 with input as plan
}

test_dynamic_ip_configuration_not_judged if {
	doc := db({"tier": "db-f1-micro", "dynamic": {"ip_configuration": [{"for_each": "${var.ip_configuration}", "content": [{"ipv4_enabled": "${ip_configuration.value.public}"}]}]}})
	count(cloudsql_ssl_not_required.deny) == 0 with input as doc
}

test_odd_types_no_error if {
	count(cloudsql_ssl_not_required.deny) == 0 with input as db({"tier": "db-f1-micro", "ip_configuration": "${var.ipc}"})
	count(cloudsql_ssl_not_required.deny) == 0 with input as {"resource": {"google_sql_database_instance": {"main": [{"settings": "${var.settings}"}]}}}
}
