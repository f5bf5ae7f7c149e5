# METADATA
# title: Cloud Storage bucket readable by anyone
# description: >-
#   Granting a role on a bucket (or an ACL on it or its default object ACL) to `allUsers` or
#   `allAuthenticatedUsers` makes its objects readable by anyone on the internet, or by any holder of
#   a Google account. Public buckets are a leading cause of data leaks.
# related_resources:
#   - ref: https://cloud.google.com/storage/docs/access-control/making-data-public
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket_iam
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket_acl
# custom:
#   id: TG-GCP-GCS-001
#   severity: critical
#   enforcement: block
#   remediation: |
#     Grant bucket roles to named principals (users, groups, service accounts) instead of `allUsers` /
#     `allAuthenticatedUsers`, and drop public ACLs. Serve public content through a load balancer or
#     signed URLs when needed:
#
#         resource "google_storage_bucket_iam_member" "reader" {
#           bucket = google_storage_bucket.assets.name
#           role   = "roles/storage.objectViewer"
#           member = "serviceAccount:${google_service_account.app.email}"
#         }
#
#     Setting `public_access_prevention = "enforced"` on the bucket blocks public grants altogether.
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 5.1
#   resource_types:
#     - google_storage_bucket_iam_member
#     - google_storage_bucket_iam_binding
#     - google_storage_bucket_iam_policy
#     - google_storage_bucket_acl
#     - google_storage_default_object_acl
#     - google_storage_bucket_access_control
#     - google_storage_default_object_access_control
package tollgate.terraform.gcp.gcs_bucket_public

import data.tollgate.lib.terraform as tf
import rego.v1

public_members := {"allUsers", "allAuthenticatedUsers"}

public_predefined_acls := {"publicRead", "publicReadWrite", "authenticatedRead"}

# "`roles/storage.objectViewer`", or "a role" when it is not known.
role_of(body) := sprintf("`%s`", [body.role]) if {
	is_string(body.role)
	tf.is_known(body.role)
}

role_of(body) := "a role" if not is_string(body.role)

role_of(body) := "a role" if tf.is_unknown(body.role)

# "`allUsers`" or "`allUsers`, `allAuthenticatedUsers`"
names(members) := concat(", ", [sprintf("`%s`", [m]) | some m in sort(members)])

# The public entities of ACL entries "ROLE:entity".
acl_public(entries) := {parts[count(parts) - 1] |
	some e in entries
	is_string(e)
	parts := split(e, ":")
	parts[count(parts) - 1] in public_members
}

# Public members of every binding of a policy document (JSON string).
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

deny contains {
	"msg": sprintf("IAM member `%s` grants %s on a bucket to `%s`", [r.address, role_of(r.body), r.body.member]),
	"path": array.concat(r.path, ["member"]),
} if {
	some r in tf.resources_of("google_storage_bucket_iam_member")
	r.body.member in public_members
}

deny contains {
	"msg": sprintf("IAM binding `%s` grants %s on a bucket to %s", [r.address, role_of(r.body), names(pub)]),
	"path": array.concat(r.path, ["members"]),
} if {
	some r in tf.resources_of("google_storage_bucket_iam_binding")
	is_array(r.body.members)
	pub := {m | some m in r.body.members; m in public_members}
	count(pub) > 0
}

# Inline policy document (jsonencode or a resolved plan value).
deny contains {
	"msg": sprintf("IAM policy `%s` grants bucket roles to %s", [r.address, names(pub)]),
	"path": array.concat(r.path, ["policy_data"]),
} if {
	some r in tf.resources_of("google_storage_bucket_iam_policy")
	is_string(r.body.policy_data)
	pub := policy_public(r.body.policy_data)
	count(pub) > 0
}

# Policy document built with a `google_iam_policy` data source of the same file.
deny contains {
	"msg": sprintf("IAM policy `data.google_iam_policy.%s` used by `%s` grants %s on a bucket to %s", [name, r.address, role_of(b), names(pub)]),
	"path": ["data", "google_iam_policy", name, i, "binding", j, "members"],
} if {
	some r in tf.resources_of("google_storage_bucket_iam_policy")
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

deny contains {
	"msg": sprintf("ACL `%s` grants access to %s", [r.address, names(pub)]),
	"path": array.concat(r.path, ["role_entity"]),
} if {
	some type in {"google_storage_bucket_acl", "google_storage_default_object_acl"}
	some r in tf.resources_of(type)
	is_array(r.body.role_entity)
	pub := acl_public(r.body.role_entity)
	count(pub) > 0
}

deny contains {
	"msg": sprintf("Bucket ACL `%s` applies the public predefined ACL `%s`", [r.address, r.body[attr]]),
	"path": array.concat(r.path, [attr]),
} if {
	some r in tf.resources_of("google_storage_bucket_acl")
	some attr in ["predefined_acl", "default_acl"]
	r.body[attr] in public_predefined_acls
}

deny contains {
	"msg": sprintf("Access control `%s` grants %s to `%s`", [r.address, role_of(r.body), r.body.entity]),
	"path": array.concat(r.path, ["entity"]),
} if {
	some type in {"google_storage_bucket_access_control", "google_storage_default_object_access_control"}
	some r in tf.resources_of(type)
	r.body.entity in public_members
}
