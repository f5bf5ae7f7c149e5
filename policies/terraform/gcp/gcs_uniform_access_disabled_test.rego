package tollgate.terraform.gcp.gcs_uniform_access_disabled_test

import data.tollgate.terraform.gcp.gcs_uniform_access_disabled
import rego.v1

bucket(body) := {"resource": {"google_storage_bucket": {"logs": [object.union({"name": "acme-logs", "location": "EU"}, body)]}}}

test_disabled_denied if {
	findings := gcs_uniform_access_disabled.deny with input as bucket({"uniform_bucket_level_access": false})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_storage_bucket", "logs", 0, "uniform_bucket_level_access"]
}

test_missing_denied_on_resource if {
	findings := gcs_uniform_access_disabled.deny with input as bucket({})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_storage_bucket", "logs", 0]
}

test_enabled_allowed if {
	count(gcs_uniform_access_disabled.deny) == 0 with input as bucket({"uniform_bucket_level_access": true})
}

test_enabled_as_string_allowed if {
	count(gcs_uniform_access_disabled.deny) == 0 with input as bucket({"uniform_bucket_level_access": "true"})
}

test_legacy_bucket_policy_only_allowed if {
	count(gcs_uniform_access_disabled.deny) == 0 with input as bucket({"bucket_policy_only": true})
}

test_unresolved_allowed if {
	count(gcs_uniform_access_disabled.deny) == 0 with input as bucket({"uniform_bucket_level_access": "${var.uniform_access}"})
}

test_plan_disabled_denied if {
	plan := {"planned_values": {"root_module": {"child_modules": [{"resources": [{
		"address": "module.storage.google_storage_bucket.logs",
		"mode": "managed",
		"type": "google_storage_bucket",
		"name": "logs",
		"values": {"name": "acme-logs", "location": "EU", "uniform_bucket_level_access": false},
	}]}]}}}
	findings := gcs_uniform_access_disabled.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "child_modules", 0, "resources", 0, "values", "uniform_bucket_level_access"]
}

test_plan_enabled_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_storage_bucket.logs",
		"mode": "managed",
		"type": "google_storage_bucket",
		"name": "logs",
		"values": {"name": "acme-logs", "location": "EU", "uniform_bucket_level_access": true},
	}]}}}
	count(gcs_uniform_access_disabled.deny) == 0 with input as plan
}

test_legacy_bucket_policy_only_disabled_denied_once if {
	findings := gcs_uniform_access_disabled.deny with input as bucket({"bucket_policy_only": false, "uniform_bucket_level_access": false})
	count(findings) == 1
}
