# METADATA
# title: BigQuery dataset or table readable by anyone
# description: >-
#   An access entry or IAM grant on a BigQuery dataset or table to `allUsers` or `allAuthenticatedUsers`
#   makes its data available to anyone on the internet, or to any Google account: they can query it,
#   and the queries are billed to whoever runs them.
# related_resources:
#   - ref: https://cloud.google.com/bigquery/docs/control-access-to-resources-iam
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset#access
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset_iam
# custom:
#   id: TG-GCP-BQ-001
#   severity: critical
#   enforcement: block
#   remediation: |
#     Grant access to the groups or service accounts that need the data:
#
#         resource "google_bigquery_dataset" "analytics" {
#           dataset_id = "analytics"
#
#           access {
#             role           = "READER"
#             group_by_email = "analysts@acme.example"
#           }
#         }
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 7.1
#   resource_types: [google_bigquery_dataset, google_bigquery_dataset_access, google_bigquery_dataset_iam_member, google_bigquery_dataset_iam_binding, google_bigquery_table_iam_member, google_bigquery_table_iam_binding]
package tollgate.terraform.gcp.bigquery_dataset_public

import data.tollgate.lib.terraform as tf
import rego.v1

public_members := {"allUsers", "allAuthenticatedUsers"}

# Which attribute of an access entry names the public principal.
access_fields := {"special_group", "iam_member"}

# `access` blocks of a dataset.
deny contains {
	"msg": sprintf("BigQuery dataset `%s` grants %s to `%s`", [r.address, role_of(a), a[field]]),
	"path": array.concat(r.path, ["access", i, field]),
} if {
	some r in tf.resources_of("google_bigquery_dataset")
	is_array(r.body.access)
	some i, a in r.body.access
	is_object(a)
	some field in access_fields
	a[field] in public_members
}

# A separate access entry.
deny contains {
	"msg": sprintf("BigQuery dataset access `%s` grants %s to `%s`", [r.address, role_of(r.body), r.body[field]]),
	"path": array.concat(r.path, [field]),
} if {
	some r in tf.resources_of("google_bigquery_dataset_access")
	some field in access_fields
	r.body[field] in public_members
}

deny contains {
	"msg": sprintf("IAM member `%s` grants %s on a BigQuery %s to `%s`", [r.address, role_of(r.body), what, r.body.member]),
	"path": array.concat(r.path, ["member"]),
} if {
	some type, what in {"google_bigquery_dataset_iam_member": "dataset", "google_bigquery_table_iam_member": "table"}
	some r in tf.resources_of(type)
	r.body.member in public_members
}

deny contains {
	"msg": sprintf("IAM binding `%s` grants %s on a BigQuery %s to %s", [r.address, role_of(r.body), what, concat(", ", [sprintf("`%s`", [m]) | some m in sort(pub)])]),
	"path": array.concat(r.path, ["members"]),
} if {
	some type, what in {"google_bigquery_dataset_iam_binding": "dataset", "google_bigquery_table_iam_binding": "table"}
	some r in tf.resources_of(type)
	is_array(r.body.members)
	pub := {m | some m in r.body.members; m in public_members}
	count(pub) > 0
}

role_of(body) := sprintf("`%s`", [body.role]) if {
	is_string(body.role)
	tf.is_known(body.role)
}

else := "access"
