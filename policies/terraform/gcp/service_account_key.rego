# METADATA
# title: User-managed service account key
# description: >-
#   A `google_service_account_key` is a long-lived credential for the service account: unless it was
#   created from an uploaded public key, Terraform writes its private key into the state, and anyone who
#   reads the state, a CI log or a copied key file can act as the account from anywhere until the key is
#   deleted. Workload Identity (Federation), attached service accounts and impersonation need no key.
# related_resources:
#   - ref: https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys
#   - ref: https://cloud.google.com/iam/docs/workload-identity-federation
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_service_account_key
# custom:
#   id: TG-GCP-IAM-002
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Remove the key and let the workload authenticate without one, e.g. GitHub Actions through
#     Workload Identity Federation:
#
#         resource "google_service_account_iam_member" "github" {
#           service_account_id = google_service_account.ci.name
#           role               = "roles/iam.workloadIdentityUser"
#           member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/attribute.repository/acme/web"
#         }
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 1.4
#   resource_types: [google_service_account_key]
package tollgate.terraform.gcp.service_account_key

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("Service account key `%s` is a user-managed key; its private key is stored in the Terraform state", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("google_service_account_key")
	not uploaded(r.body)
}

warn contains {
	"msg": sprintf("Service account key `%s` is a user-managed key (uploaded public key) that stays valid until deleted", [r.address]),
	"path": array.concat(r.path, ["public_key_data"]),
} if {
	some r in tf.resources_of("google_service_account_key")
	uploaded(r.body)
}

uploaded(body) if {
	is_string(body.public_key_data)
	body.public_key_data != ""
}
