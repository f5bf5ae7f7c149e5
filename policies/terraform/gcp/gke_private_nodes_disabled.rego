# METADATA
# title: GKE cluster nodes have public IP addresses
# description: >-
#   Without private nodes every GKE node gets an external IP address, so kubelets and any NodePort or
#   hostPort service are reachable from the internet unless firewall rules stop them. Private nodes
#   only have internal addresses and reach the internet through Cloud NAT.
# related_resources:
#   - ref: https://cloud.google.com/kubernetes-engine/docs/concepts/private-cluster-concept
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#enable_private_nodes
# custom:
#   id: TG-GCP-GKE-002
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Create the cluster with private nodes (and Cloud NAT for egress):
#
#         resource "google_container_cluster" "main" {
#           name     = "main"
#           location = "europe-west1"
#
#           private_cluster_config {
#             enable_private_nodes    = true
#             enable_private_endpoint = false
#             master_ipv4_cidr_block  = "172.16.0.0/28"
#           }
#         }
#   frameworks:
#     - CIS Google Kubernetes Engine (GKE) Benchmark v1.6.0 5.6.5
#   resource_types: [google_container_cluster]
package tollgate.terraform.gcp.gke_private_nodes_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

configs(body) := [c | some c in body.private_cluster_config; is_object(c)] if is_array(body.private_cluster_config)

configs(body) := [] if not is_array(body.private_cluster_config)

# Written as a dynamic block or an unresolved expression: not judged.
generated(body) if body.dynamic.private_cluster_config

generated(body) if tf.is_unknown(body.private_cluster_config)

warn contains {
	"msg": sprintf("GKE cluster `%s` has no `private_cluster_config`, so its nodes get public IP addresses", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("google_container_cluster")
	count(configs(r.body)) == 0
	not generated(r.body)
}

warn contains {
	"msg": sprintf("GKE cluster `%s` disables private nodes, so its nodes get public IP addresses", [r.address]),
	"path": array.concat(r.path, ["private_cluster_config", i, "enable_private_nodes"]),
} if {
	some r in tf.resources_of("google_container_cluster")
	is_array(r.body.private_cluster_config)
	some i, c in r.body.private_cluster_config
	is_object(c)
	tf.is_false(c.enable_private_nodes)
}

warn contains {
	"msg": sprintf("GKE cluster `%s` does not set `enable_private_nodes`, so its nodes get public IP addresses", [r.address]),
	"path": array.concat(r.path, ["private_cluster_config", i]),
} if {
	some r in tf.resources_of("google_container_cluster")
	is_array(r.body.private_cluster_config)
	some i, c in r.body.private_cluster_config
	is_object(c)
	object.get(c, "enable_private_nodes", null) == null
}
