package tollgate.terraform.gcp.gcs_bucket_public_test

import data.tollgate.terraform.gcp.gcs_bucket_public
import rego.v1

res(type, body) := {"resource": {type: {"public": [body]}}}

plan(type, values) := {"planned_values": {"root_module": {"resources": [{
	"address": sprintf("%s.public", [type]),
	"mode": "managed",
	"type": type,
	"name": "public",
	"values": values,
}]}}}

test_iam_member_all_users_denied if {
	findings := gcs_bucket_public.deny with input as res("google_storage_bucket_iam_member", {"bucket": "assets", "role": "roles/storage.objectViewer", "member": "allUsers"})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_storage_bucket_iam_member", "public", 0, "member"]
}

test_iam_binding_all_authenticated_users_denied if {
	count(gcs_bucket_public.deny) == 1 with input as res("google_storage_bucket_iam_binding", {"bucket": "assets", "role": "roles/storage.objectViewer", "members": ["group:eng@example.com", "allAuthenticatedUsers", "allUsers"]})
}

test_iam_member_named_principal_allowed if {
	count(gcs_bucket_public.deny) == 0 with input as res("google_storage_bucket_iam_member", {"bucket": "assets", "role": "roles/storage.objectViewer", "member": "group:eng@example.com"})
}

test_iam_member_unresolved_allowed if {
	count(gcs_bucket_public.deny) == 0 with input as res("google_storage_bucket_iam_member", {"bucket": "assets", "role": "${var.role}", "member": "${var.member}"})
}

test_iam_binding_unresolved_members_allowed if {
	count(gcs_bucket_public.deny) == 0 with input as res("google_storage_bucket_iam_binding", {"bucket": "assets", "role": "roles/storage.objectViewer", "members": "${var.readers}"})
}

test_iam_policy_jsonencoded_denied if {
	doc := json.marshal({"bindings": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]})
	count(gcs_bucket_public.deny) == 1 with input as res("google_storage_bucket_iam_policy", {"bucket": "assets", "policy_data": doc})
}

test_iam_policy_data_source_denied if {
	doc := {
		"resource": {"google_storage_bucket_iam_policy": {"assets": [{"bucket": "assets", "policy_data": "${data.google_iam_policy.public_read.policy_data}"}]}},
		"data": {"google_iam_policy": {"public_read": [{"binding": [
			{"role": "roles/storage.admin", "members": ["group:ops@example.com"]},
			{"role": "roles/storage.objectViewer", "members": ["allUsers"]},
		]}]}},
	}
	findings := gcs_bucket_public.deny with input as doc
	count(findings) == 1
	some f in findings
	f.path == ["data", "google_iam_policy", "public_read", 0, "binding", 1, "members"]
}

test_unreferenced_iam_policy_data_source_allowed if {
	doc := {"data": {"google_iam_policy": {"public_read": [{"binding": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]}]}}}
	count(gcs_bucket_public.deny) == 0 with input as doc
}

test_iam_policy_unresolved_allowed if {
	count(gcs_bucket_public.deny) == 0 with input as res("google_storage_bucket_iam_policy", {"bucket": "assets", "policy_data": "${var.policy}"})
}

test_bucket_acl_role_entity_denied if {
	count(gcs_bucket_public.deny) == 1 with input as res("google_storage_bucket_acl", {"bucket": "assets", "role_entity": ["OWNER:project-owners-123", "READER:allUsers"]})
}

test_bucket_acl_predefined_public_read_denied if {
	count(gcs_bucket_public.deny) == 1 with input as res("google_storage_bucket_acl", {"bucket": "assets", "predefined_acl": "publicRead"})
}

test_bucket_acl_private_allowed if {
	count(gcs_bucket_public.deny) == 0 with input as res("google_storage_bucket_acl", {"bucket": "assets", "predefined_acl": "projectPrivate", "role_entity": ["OWNER:project-owners-123", "READER:group-eng@example.com"]})
}

test_default_object_acl_denied if {
	count(gcs_bucket_public.deny) == 1 with input as res("google_storage_default_object_acl", {"bucket": "assets", "role_entity": ["READER:allAuthenticatedUsers"]})
}

test_access_control_entity_denied if {
	count(gcs_bucket_public.deny) == 1 with input as res("google_storage_bucket_access_control", {"bucket": "assets", "role": "READER", "entity": "allUsers"})
}

test_plan_iam_member_denied if {
	findings := gcs_bucket_public.deny with input as plan("google_storage_bucket_iam_member", {"bucket": "assets", "role": "roles/storage.objectViewer", "member": "allUsers", "condition": []})
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "member"]
}

test_plan_iam_policy_denied if {
	doc := json.marshal({"bindings": [{"role": "roles/storage.objectViewer", "members": ["allAuthenticatedUsers"]}]})
	count(gcs_bucket_public.deny) == 1 with input as plan("google_storage_bucket_iam_policy", {"bucket": "assets", "policy_data": doc})
}
