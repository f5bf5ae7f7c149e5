package tollgate.terraform.gcp.gke_legacy_abac_test

import data.tollgate.terraform.gcp.gke_legacy_abac
import rego.v1

cluster(body) := {"resource": {"google_container_cluster": {"main": [object.union({"name": "main", "location": "europe-west1"}, body)]}}}

test_legacy_abac_denied if {
	findings := gke_legacy_abac.deny with input as cluster({"enable_legacy_abac": true})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_container_cluster", "main", 0, "enable_legacy_abac"]
}

test_legacy_abac_string_denied if {
	count(gke_legacy_abac.deny) == 1 with input as cluster({"enable_legacy_abac": "true"})
}

test_legacy_abac_disabled_allowed if {
	count(gke_legacy_abac.deny) == 0 with input as cluster({"enable_legacy_abac": false})
}

test_missing_allowed if {
	count(gke_legacy_abac.deny) == 0 with input as cluster({})
}

test_unresolved_allowed if {
	count(gke_legacy_abac.deny) == 0 with input as cluster({"enable_legacy_abac": "${var.legacy_abac}"})
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_container_cluster.main",
		"mode": "managed",
		"type": "google_container_cluster",
		"name": "main",
		"values": {"name": "main", "location": "europe-west1", "enable_legacy_abac": true},
	}]}}}
	findings := gke_legacy_abac.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "enable_legacy_abac"]
}
