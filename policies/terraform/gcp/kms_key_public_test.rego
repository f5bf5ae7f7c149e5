package tollgate.terraform.gcp.kms_key_public_test

import data.tollgate.terraform.gcp.kms_key_public as rule
import rego.v1

test_crypto_key_member_denied if {
	findings := rule.deny with input as {"resource": {"google_kms_crypto_key_iam_member": {"pub": [{"crypto_key_id": "${google_kms_crypto_key.data.id}", "role": "roles/cloudkms.cryptoKeyDecrypter", "member": "allUsers"}]}}}
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_kms_crypto_key_iam_member", "pub", 0, "member"]
	contains(f.msg, "`roles/cloudkms.cryptoKeyDecrypter`")
}

test_key_ring_binding_denied if {
	findings := rule.deny with input as {"resource": {"google_kms_key_ring_iam_binding": {"b": [{"key_ring_id": "x", "role": "roles/cloudkms.viewer", "members": ["group:sec@acme.example", "allAuthenticatedUsers"]}]}}}
	{f.path | some f in findings} == {["resource", "google_kms_key_ring_iam_binding", "b", 0, "members"]}
}

test_policy_document_denied if {
	doc := json.marshal({"bindings": [{"role": "roles/cloudkms.cryptoKeyEncrypter", "members": ["allUsers"]}]})
	count(rule.deny) == 1 with input as {"resource": {"google_kms_crypto_key_iam_policy": {"p": [{"crypto_key_id": "x", "policy_data": doc}]}}}
}

test_policy_data_source_denied if {
	cfg := {
		"data": {"google_iam_policy": {"public": [{"binding": [{"role": "roles/cloudkms.cryptoKeyDecrypter", "members": ["allUsers"]}]}]}},
		"resource": {"google_kms_crypto_key_iam_policy": {"p": [{"crypto_key_id": "x", "policy_data": "${data.google_iam_policy.public.policy_data}"}]}},
	}
	{f.path | some f in rule.deny} == {["data", "google_iam_policy", "public", 0, "binding", 0, "members"]} with input as cfg
}

test_named_principals_allowed if {
	count(rule.deny) == 0 with input as {"resource": {
		"google_kms_crypto_key_iam_member": {"app": [{"crypto_key_id": "x", "role": "roles/cloudkms.cryptoKeyEncrypterDecrypter", "member": "serviceAccount:app@acme.iam.gserviceaccount.com"}]},
		"google_kms_key_ring_iam_binding": {"b": [{"key_ring_id": "x", "role": "roles/cloudkms.viewer", "members": ["group:sec@acme.example"]}]},
	}}
}

test_unresolved_allowed if {
	count(rule.deny) == 0 with input as {"resource": {"google_kms_crypto_key_iam_member": {"m": [{"crypto_key_id": "x", "role": "roles/cloudkms.viewer", "member": "${var.member}"}]}}}
	count(rule.deny) == 0 with input as {"resource": {"google_kms_crypto_key_iam_policy": {"p": [{"crypto_key_id": "x", "policy_data": "${var.policy}"}]}}}
}
