# METADATA
# title: Instance can forward IP packets
# description: >-
#   `can_ip_forward = true` lets the instance send and receive packets whose source or destination is
#   not its own address, bypassing the anti-spoofing check of the VPC: a compromised instance can then
#   route, spoof or intercept traffic for other hosts. Only NAT gateways, firewalls and routers need it.
# related_resources:
#   - ref: https://cloud.google.com/vpc/docs/using-routes
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#can_ip_forward
# custom:
#   id: TG-GCP-GCE-003
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Remove `can_ip_forward` (it defaults to false), and use Cloud NAT or a load balancer instead of a
#     forwarding instance:
#
#         resource "google_compute_instance" "app" {
#           # ...
#           can_ip_forward = false
#         }
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 4.6
#   resource_types: [google_compute_instance, google_compute_instance_template, google_compute_region_instance_template]
package tollgate.terraform.gcp.compute_ip_forwarding

import data.tollgate.lib.terraform as tf
import rego.v1

instance_types := {"google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"}

warn contains {
	"msg": sprintf("`%s` enables IP forwarding (`can_ip_forward = true`)", [r.address]),
	"path": array.concat(r.path, ["can_ip_forward"]),
} if {
	some type in instance_types
	some r in tf.resources_of(type)
	tf.is_true(r.body.can_ip_forward)
}
