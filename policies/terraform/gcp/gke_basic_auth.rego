# METADATA
# title: GKE cluster enables basic authentication
# description: >-
#   A `master_auth` username and password turn on HTTP basic authentication to the Kubernetes API with a
#   static, long-lived password that cannot be scoped or audited per person and is kept in plain text
#   in the Terraform state. GKE removed basic authentication in version 1.19.
# related_resources:
#   - ref: https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication#disabling_authentication_with_a_static_password
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#nested_master_auth
# custom:
#   id: TG-GCP-GKE-003
#   severity: high
#   enforcement: block
#   remediation: |
#     Remove `username` and `password` from `master_auth` (or set both to "") and authenticate with
#     Google Cloud IAM (gcloud credentials / Workload Identity):
#
#         master_auth {
#           client_certificate_config {
#             issue_client_certificate = false
#           }
#         }
#   frameworks:
#     - CIS Google Kubernetes Engine (GKE) Benchmark v1.2.0 5.8.1
#   resource_types: [google_container_cluster]
package tollgate.terraform.gcp.gke_basic_auth

import data.tollgate.lib.terraform as tf
import rego.v1

non_empty(v) if {
	is_string(v)
	v != ""
	tf.is_known(v)
}

deny contains {
	"msg": sprintf("GKE cluster `%s` enables basic authentication with the static user `%s`", [r.address, a.username]),
	"path": array.concat(r.path, ["master_auth", i, "username"]),
} if {
	some r in tf.resources_of("google_container_cluster")
	is_array(r.body.master_auth)
	some i, a in r.body.master_auth
	is_object(a)
	non_empty(a.username)
}

# Password set while the username is not written (or not known).
deny contains {
	"msg": sprintf("GKE cluster `%s` sets a basic authentication password", [r.address]),
	"path": array.concat(r.path, ["master_auth", i, "password"]),
} if {
	some r in tf.resources_of("google_container_cluster")
	is_array(r.body.master_auth)
	some i, a in r.body.master_auth
	is_object(a)
	non_empty(a.password)
	not non_empty(a.username)
	object.get(a, "username", null) != ""
}
