package tollgate.terraform.gcp.gke_client_certificate_test

import data.tollgate.terraform.gcp.gke_client_certificate
import rego.v1

cluster(cfg) := {"resource": {"google_container_cluster": {"main": [{"name": "main", "location": "europe-west1", "master_auth": [{"client_certificate_config": [cfg]}]}]}}}

test_issue_client_certificate_denied if {
	findings := gke_client_certificate.deny with input as cluster({"issue_client_certificate": true})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_container_cluster", "main", 0, "master_auth", 0, "client_certificate_config", 0, "issue_client_certificate"]
}

test_disabled_allowed if {
	count(gke_client_certificate.deny) == 0 with input as cluster({"issue_client_certificate": false})
}

test_unresolved_allowed if {
	count(gke_client_certificate.deny) == 0 with input as cluster({"issue_client_certificate": "${var.client_cert}"})
}

test_no_master_auth_allowed if {
	count(gke_client_certificate.deny) == 0 with input as {"resource": {"google_container_cluster": {"main": [{"name": "main"}]}}}
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_container_cluster.main",
		"mode": "managed",
		"type": "google_container_cluster",
		"name": "main",
		"values": {"name": "main", "master_auth": [{"client_certificate_config": [{"issue_client_certificate": true}]}]},
	}]}}}
	findings := gke_client_certificate.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "master_auth", 0, "client_certificate_config", 0, "issue_client_certificate"]
}

test_plan_disabled_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_container_cluster.main",
		"mode": "managed",
		"type": "google_container_cluster",
		"name": "main",
		"values": {"name": "main", "master_auth": [{"client_certificate_config": [{"issue_client_certificate": false}]}]},
	}]}}}
	count(gke_client_certificate.deny) == 0 with input as plan
}
