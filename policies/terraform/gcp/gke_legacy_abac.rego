# METADATA
# title: GKE cluster uses legacy ABAC authorization
# description: >-
#   Legacy Attribute-Based Access Control grants broad, statically configured permissions that bypass
#   Kubernetes RBAC; with it enabled, RBAC restrictions no longer contain what service accounts and
#   users can do in the cluster.
# related_resources:
#   - ref: https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled_default_for_110
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#enable_legacy_abac
# custom:
#   id: TG-GCP-GKE-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Remove `enable_legacy_abac` (it defaults to false) and grant access with Kubernetes RBAC:
#
#         resource "google_container_cluster" "main" {
#           name               = "main"
#           location           = "europe-west1"
#           enable_legacy_abac = false
#         }
#   frameworks:
#     - CIS Google Kubernetes Engine (GKE) Benchmark v1.6.0 5.8.3
#   resource_types: [google_container_cluster]
package tollgate.terraform.gcp.gke_legacy_abac

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("GKE cluster `%s` enables legacy ABAC authorization", [r.address]),
	"path": array.concat(r.path, ["enable_legacy_abac"]),
} if {
	some r in tf.resources_of("google_container_cluster")
	tf.is_true(r.body.enable_legacy_abac)
}
