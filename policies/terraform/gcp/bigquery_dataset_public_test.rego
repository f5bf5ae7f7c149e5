package tollgate.terraform.gcp.bigquery_dataset_public_test

import data.tollgate.terraform.gcp.bigquery_dataset_public as rule
import rego.v1

dataset(access) := {"resource": {"google_bigquery_dataset": {"analytics": [{"dataset_id": "analytics", "access": access}]}}}

test_special_group_denied if {
	findings := rule.deny with input as dataset([
		{"role": "OWNER", "special_group": "projectOwners"},
		{"role": "READER", "special_group": "allAuthenticatedUsers"},
	])
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_bigquery_dataset", "analytics", 0, "access", 1, "special_group"]
}

test_iam_member_all_users_denied if {
	count(rule.deny) == 1 with input as dataset([{"role": "roles/bigquery.dataViewer", "iam_member": "allUsers"}])
}

test_named_access_allowed if {
	count(rule.deny) == 0 with input as dataset([
		{"role": "OWNER", "user_by_email": "etl@acme-prod.iam.gserviceaccount.com"},
		{"role": "READER", "group_by_email": "analysts@acme.example"},
		{"role": "READER", "special_group": "projectReaders"},
	])
	count(rule.deny) == 0 with input as dataset("${local.access}")
}

test_dataset_access_resource_denied if {
	findings := rule.deny with input as {"resource": {"google_bigquery_dataset_access": {"pub": [{"dataset_id": "x", "role": "READER", "special_group": "allAuthenticatedUsers"}]}}}
	{f.path | some f in findings} == {["resource", "google_bigquery_dataset_access", "pub", 0, "special_group"]}
}

test_iam_resources_denied if {
	count(rule.deny) == 1 with input as {"resource": {"google_bigquery_dataset_iam_member": {"m": [{"dataset_id": "x", "role": "roles/bigquery.dataViewer", "member": "allUsers"}]}}}
	count(rule.deny) == 1 with input as {"resource": {"google_bigquery_table_iam_binding": {"b": [{"table_id": "t", "role": "roles/bigquery.dataViewer", "members": ["allAuthenticatedUsers", "group:a@acme.example"]}]}}}
	count(rule.deny) == 0 with input as {"resource": {"google_bigquery_dataset_iam_member": {"m": [{"dataset_id": "x", "role": "roles/bigquery.dataViewer", "member": "${var.member}"}]}}}
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_bigquery_dataset.analytics",
		"mode": "managed",
		"type": "google_bigquery_dataset",
		"name": "analytics",
		"values": {"dataset_id": "analytics", "access": [{"role": "READER", "special_group": "allAuthenticatedUsers", "iam_member": "", "user_by_email": ""}]},
	}]}}}
	{f.path | some f in rule.deny} == {["planned_values", "root_module", "resources", 0, "values", "access", 0, "special_group"]} with input as plan
}
