# METADATA
# title: Service account granted Owner or Editor
# description: >-
#   The basic roles `roles/owner` and `roles/editor` grant write access to almost every service of a
#   project (Owner also manages IAM); held by a service account, they are available to every workload
#   and every person that can act as that account or get its token. Grant the predefined roles the
#   workload needs instead.
# related_resources:
#   - ref: https://cloud.google.com/iam/docs/roles-overview#basic
#   - ref: https://cloud.google.com/iam/docs/best-practices-service-accounts
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project_iam
# custom:
#   id: TG-GCP-IAM-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Replace the basic role with the predefined roles the service account uses:
#
#         resource "google_project_iam_member" "ci_deployer" {
#           project = "acme-prod"
#           role    = "roles/run.developer"
#           member  = "serviceAccount:${google_service_account.ci.email}"
#         }
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 1.5
#   resource_types: [google_project_iam_member, google_project_iam_binding, google_folder_iam_member, google_folder_iam_binding, google_organization_iam_member, google_organization_iam_binding]
package tollgate.terraform.gcp.service_account_basic_role

import data.tollgate.lib.terraform as tf
import rego.v1

basic_roles := {"roles/owner", "roles/editor"}

# Resource type prefix -> the scope it grants on.
scopes := {"google_project": "project", "google_folder": "folder", "google_organization": "organization"}

deny contains {
	"msg": sprintf("IAM member `%s` grants `%s` on the %s to service account `%s`", [r.address, r.body.role, scope, r.body.member]),
	"path": array.concat(r.path, ["role"]),
} if {
	some prefix, scope in scopes
	some r in tf.resources_of(concat("", [prefix, "_iam_member"]))
	r.body.role in basic_roles
	service_account(r.body.member)
}

deny contains {
	"msg": sprintf("IAM binding `%s` grants `%s` on the %s to service accounts %s", [r.address, r.body.role, scope, concat(", ", [sprintf("`%s`", [m]) | some m in sort(accounts)])]),
	"path": array.concat(r.path, ["role"]),
} if {
	some prefix, scope in scopes
	some r in tf.resources_of(concat("", [prefix, "_iam_binding"]))
	r.body.role in basic_roles
	is_array(r.body.members)
	accounts := {m | some m in r.body.members; service_account(m)}
	count(accounts) > 0
}

# `serviceAccount:...`, also with an interpolated address (`serviceAccount:${google_service_account.ci.email}`).
service_account(m) if {
	is_string(m)
	startswith(m, "serviceAccount:")
}
