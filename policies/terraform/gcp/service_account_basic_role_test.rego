package tollgate.terraform.gcp.service_account_basic_role_test

import data.tollgate.terraform.gcp.service_account_basic_role as rule
import rego.v1

member(role, m) := {"resource": {"google_project_iam_member": {"ci": [{"project": "acme-prod", "role": role, "member": m}]}}}

test_editor_to_service_account_denied if {
	findings := rule.deny with input as member("roles/editor", "serviceAccount:ci@acme-prod.iam.gserviceaccount.com")
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_project_iam_member", "ci", 0, "role"]
}

test_interpolated_service_account_denied if {
	count(rule.deny) == 1 with input as member("roles/owner", "serviceAccount:${google_service_account.ci.email}")
}

test_binding_denied_once if {
	findings := rule.deny with input as {"resource": {"google_folder_iam_binding": {"owners": [{"folder": "folders/1", "role": "roles/owner", "members": ["group:admins@acme.example", "serviceAccount:tf@acme-seed.iam.gserviceaccount.com"]}]}}}
	count(findings) == 1
	some f in findings
	contains(f.msg, "`serviceAccount:tf@acme-seed.iam.gserviceaccount.com`")
}

test_predefined_role_or_human_allowed if {
	count(rule.deny) == 0 with input as member("roles/run.developer", "serviceAccount:ci@acme-prod.iam.gserviceaccount.com")
	count(rule.deny) == 0 with input as member("roles/editor", "group:platform@acme.example")
}

test_unresolved_allowed if {
	count(rule.deny) == 0 with input as member("${var.role}", "serviceAccount:ci@acme-prod.iam.gserviceaccount.com")
	count(rule.deny) == 0 with input as member("roles/editor", "${var.member}")
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_organization_iam_member.tf",
		"mode": "managed",
		"type": "google_organization_iam_member",
		"name": "tf",
		"values": {"org_id": "123", "role": "roles/owner", "member": "serviceAccount:tf@acme-seed.iam.gserviceaccount.com"},
	}]}}}
	{f.path | some f in rule.deny} == {["planned_values", "root_module", "resources", 0, "values", "role"]} with input as plan
}
