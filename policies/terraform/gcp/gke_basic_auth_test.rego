package tollgate.terraform.gcp.gke_basic_auth_test

import data.tollgate.terraform.gcp.gke_basic_auth
import rego.v1

cluster(auth) := {"resource": {"google_container_cluster": {"main": [{"name": "main", "location": "europe-west1", "master_auth": [auth]}]}}}

test_username_password_denied if {
	findings := gke_basic_auth.deny with input as cluster({"username": "admin", "password": "${var.master_password}"})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_container_cluster", "main", 0, "master_auth", 0, "username"]
}

test_password_with_unresolved_username_denied_on_password if {
	findings := gke_basic_auth.deny with input as cluster({"username": "${var.master_user}", "password": "s3cr3t-and-long-enough"})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_container_cluster", "main", 0, "master_auth", 0, "password"]
}

test_empty_credentials_allowed if {
	count(gke_basic_auth.deny) == 0 with input as cluster({"username": "", "password": "", "client_certificate_config": [{"issue_client_certificate": false}]})
}

test_empty_username_allowed if {
	count(gke_basic_auth.deny) == 0 with input as cluster({"username": "", "password": "ignored"})
}

test_no_credentials_allowed if {
	count(gke_basic_auth.deny) == 0 with input as cluster({"client_certificate_config": [{"issue_client_certificate": false}]})
}

test_unresolved_credentials_allowed if {
	count(gke_basic_auth.deny) == 0 with input as cluster({"username": "${var.master_user}", "password": "${var.master_password}"})
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_container_cluster.main",
		"mode": "managed",
		"type": "google_container_cluster",
		"name": "main",
		"values": {"name": "main", "master_auth": [{"username": "admin", "password": "correct-horse-battery", "client_certificate_config": [{"issue_client_certificate": false}]}]},
	}]}}}
	findings := gke_basic_auth.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "master_auth", 0, "username"]
}

test_plan_without_basic_auth_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_container_cluster.main",
		"mode": "managed",
		"type": "google_container_cluster",
		"name": "main",
		"values": {"name": "main", "master_auth": [{"client_certificate_config": [{"issue_client_certificate": false}]}]},
	}]}}}
	count(gke_basic_auth.deny) == 0 with input as plan
}
