# METADATA
# title: GKE cluster issues a client certificate
# description: >-
#   With `issue_client_certificate` GKE creates a cluster-admin client certificate whose key ends up in
#   the Terraform state; the certificate cannot be revoked, so anyone who ever reads it keeps full access
#   to the cluster until the credentials are rotated.
# related_resources:
#   - ref: https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication#legacy-auth
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#issue_client_certificate
# custom:
#   id: TG-GCP-GKE-004
#   severity: medium
#   enforcement: block
#   remediation: |
#     Do not issue a client certificate; authenticate with Google Cloud IAM instead:
#
#         master_auth {
#           client_certificate_config {
#             issue_client_certificate = false
#           }
#         }
#   frameworks:
#     - CIS Google Kubernetes Engine (GKE) Benchmark v1.6.0 5.8.1
#   resource_types: [google_container_cluster]
package tollgate.terraform.gcp.gke_client_certificate

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("GKE cluster `%s` issues a client certificate for API server authentication", [r.address]),
	"path": array.concat(r.path, ["master_auth", i, "client_certificate_config", j, "issue_client_certificate"]),
} if {
	some r in tf.resources_of("google_container_cluster")
	is_array(r.body.master_auth)
	some i, a in r.body.master_auth
	is_object(a)
	is_array(a.client_certificate_config)
	some j, c in a.client_certificate_config
	is_object(c)
	tf.is_true(c.issue_client_certificate)
}
