package tollgate.terraform.gcp.compute_default_service_account_full_access_test

import data.tollgate.terraform.gcp.compute_default_service_account_full_access as rule
import rego.v1

instance(sa) := {"resource": {"google_compute_instance": {"app": [{"name": "app", "machine_type": "e2-small", "service_account": [sa]}]}}}

test_no_email_with_cloud_platform_denied if {
	findings := rule.deny with input as instance({"scopes": ["cloud-platform"]})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_compute_instance", "app", 0, "service_account", 0, "scopes"]
}

test_default_email_with_full_url_scope_denied if {
	count(rule.deny) == 1 with input as instance({"email": "123456789012-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]})
}

test_default_service_account_data_source_denied if {
	count(rule.deny) == 1 with input as instance({"email": "${data.google_compute_default_service_account.default.email}", "scopes": ["cloud-platform"]})
}

test_dedicated_account_allowed if {
	count(rule.deny) == 0 with input as instance({"email": "app-vm@acme-prod.iam.gserviceaccount.com", "scopes": ["cloud-platform"]})
	count(rule.deny) == 0 with input as instance({"email": "${google_service_account.app.email}", "scopes": ["cloud-platform"]})
}

test_default_account_with_limited_scopes_allowed if {
	count(rule.deny) == 0 with input as instance({"scopes": ["logging-write", "monitoring-write"]})
}

test_unresolved_scopes_allowed if {
	count(rule.deny) == 0 with input as instance({"scopes": "${var.scopes}"})
}

test_template_denied if {
	count(rule.deny) == 1 with input as {"resource": {"google_compute_instance_template": {"t": [{"service_account": [{"scopes": ["cloud-platform"]}]}]}}}
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_compute_instance.app",
		"mode": "managed",
		"type": "google_compute_instance",
		"name": "app",
		"values": {"name": "app", "service_account": [{"email": "123456789012-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]},
	}]}}}
	findings := rule.deny with input as plan
	{f.path | some f in findings} == {["planned_values", "root_module", "resources", 0, "values", "service_account", 0, "scopes"]}
}

test_plan_email_known_after_apply_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_compute_instance.app",
		"mode": "managed",
		"type": "google_compute_instance",
		"name": "app",
		"values": {"name": "app", "service_account": [{"scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]},
	}]}}}
	count(rule.deny) == 0 with input as plan
}
