# METADATA
# title: KMS key or key ring accessible to anyone
# description: >-
#   An IAM grant on a Cloud KMS crypto key or key ring to `allUsers` or `allAuthenticatedUsers` lets
#   anyone on the internet (or any Google account) use, manage or read the keys, depending on the
#   role: decrypt the data they protect, sign as the organization, or destroy key versions.
# related_resources:
#   - ref: https://cloud.google.com/kms/docs/iam
#   - ref: https://cloud.google.com/iam/docs/principals-overview
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_kms_crypto_key_iam
# custom:
#   id: TG-GCP-KMS-002
#   severity: critical
#   enforcement: block
#   remediation: |
#     Grant the role to the service accounts or groups that use the key:
#
#         resource "google_kms_crypto_key_iam_member" "app" {
#           crypto_key_id = google_kms_crypto_key.data.id
#           role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
#           member        = "serviceAccount:${google_service_account.app.email}"
#         }
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 1.9
#   resource_types: [google_kms_crypto_key_iam_member, google_kms_crypto_key_iam_binding, google_kms_crypto_key_iam_policy, google_kms_key_ring_iam_member, google_kms_key_ring_iam_binding, google_kms_key_ring_iam_policy]
package tollgate.terraform.gcp.kms_key_public

import data.tollgate.lib.terraform as tf
import rego.v1

public_members := {"allUsers", "allAuthenticatedUsers"}

# Resource type prefix -> what it grants access to.
targets := {"google_kms_crypto_key": "a KMS key", "google_kms_key_ring": "every key of a KMS key ring"}

deny contains {
	"msg": sprintf("IAM member `%s` grants %s on %s to `%s`", [r.address, role_of(r.body), what, r.body.member]),
	"path": array.concat(r.path, ["member"]),
} if {
	some prefix, what in targets
	some r in tf.resources_of(concat("", [prefix, "_iam_member"]))
	r.body.member in public_members
}

deny contains {
	"msg": sprintf("IAM binding `%s` grants %s on %s to %s", [r.address, role_of(r.body), what, names(pub)]),
	"path": array.concat(r.path, ["members"]),
} if {
	some prefix, what in targets
	some r in tf.resources_of(concat("", [prefix, "_iam_binding"]))
	is_array(r.body.members)
	pub := {m | some m in r.body.members; m in public_members}
	count(pub) > 0
}

# Inline policy document (jsonencode or a resolved plan value).
deny contains {
	"msg": sprintf("IAM policy `%s` grants roles on %s to %s", [r.address, what, names(pub)]),
	"path": array.concat(r.path, ["policy_data"]),
} if {
	some prefix, what in targets
	some r in tf.resources_of(concat("", [prefix, "_iam_policy"]))
	is_string(r.body.policy_data)
	pub := policy_public(r.body.policy_data)
	count(pub) > 0
}

# Policy document built with a `google_iam_policy` data source of the same file.
deny contains {
	"msg": sprintf("IAM policy `data.google_iam_policy.%s` used by `%s` grants %s on %s to %s", [name, r.address, role_of(b), what, names(pub)]),
	"path": ["data", "google_iam_policy", name, i, "binding", j, "members"],
} if {
	some prefix, what in targets
	some r in tf.resources_of(concat("", [prefix, "_iam_policy"]))
	is_string(r.body.policy_data)
	some match in regex.find_all_string_submatch_n(`data\.google_iam_policy\.([A-Za-z0-9_-]+)`, r.body.policy_data, -1)
	name := match[1]
	some i, body in input.data.google_iam_policy[name]
	is_object(body)
	is_array(body.binding)
	some j, b in body.binding
	is_object(b)
	is_array(b.members)
	pub := {m | some m in b.members; m in public_members}
	count(pub) > 0
}

role_of(body) := sprintf("`%s`", [body.role]) if {
	is_string(body.role)
	tf.is_known(body.role)
}

else := "a role"

names(members) := concat(", ", [sprintf("`%s`", [m]) | some m in sort(members)])

policy_public(data_str) := {m |
	json.is_valid(data_str)
	doc := json.unmarshal(data_str)
	is_object(doc)
	is_array(doc.bindings)
	some b in doc.bindings
	is_object(b)
	is_array(b.members)
	some m in b.members
	m in public_members
}
