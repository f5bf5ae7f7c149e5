# METADATA
# title: Firewall rule allows RDP from the internet
# description: >-
#   An ingress firewall rule that allows TCP port 3389 from `0.0.0.0/0` or `::/0` exposes Remote Desktop
#   on every matching instance to the whole internet; RDP is a favourite target of brute-force attacks
#   and ransomware operators.
# related_resources:
#   - ref: https://cloud.google.com/firewall/docs/firewalls
#   - ref: https://cloud.google.com/iap/docs/using-tcp-forwarding
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall
# custom:
#   id: TG-GCP-NET-002
#   severity: critical
#   enforcement: block
#   remediation: |
#     Restrict `source_ranges` to known networks, or reach instances through Identity-Aware Proxy
#     TCP forwarding, whose range is `35.235.240.0/20`:
#
#         resource "google_compute_firewall" "rdp" {
#           name          = "allow-rdp-from-iap"
#           network       = google_compute_network.main.name
#           direction     = "INGRESS"
#           source_ranges = ["35.235.240.0/20"]
#           target_tags   = ["rdp"]
#
#           allow {
#             protocol = "tcp"
#             ports    = ["3389"]
#           }
#         }
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 3.7
#   resource_types: [google_compute_firewall]
package tollgate.terraform.gcp.firewall_rdp_open

import data.tollgate.lib.terraform as tf
import rego.v1

port := 3389

service := "RDP"

open_ranges := {"0.0.0.0/0", "::/0"}

ingress(body) if object.get(body, "direction", null) == null

ingress(body) if {
	is_string(body.direction)
	upper(body.direction) == "INGRESS"
}

# `allow` blocks, written inline or as the content of a dynamic block that may generate some.
allow_blocks(body) := array.concat(
	[a | some a in tf.blocks(body, "allow")],
	[c | some d in tf.blocks(object.get(body, "dynamic", {}), "allow"); not generates_nothing(d); some c in tf.blocks(d, "content")],
)

# A dynamic block whose `for_each` is known to be empty (`var.enabled ? [1] : []` with the default
# false) generates nothing.
generates_nothing(d) if d.for_each == []

generates_nothing(d) if d.for_each == {}

# Protocols that carry SSH/RDP: TCP by name or number, and "all".
tcp(protocol) if lower(protocol) in {"tcp", "6"}

all_protocols(protocol) if lower(protocol) == "all"

no_ports(allow) if object.get(allow, "ports", null) == null

no_ports(allow) if allow.ports == []

covers(p, n) if tf.to_num(p) == n

covers(p, n) if {
	is_string(p)
	regex.match(`^\s*[0-9]+\s*-\s*[0-9]+\s*$`, p)
	bounds := split(replace(p, " ", ""), "-")
	to_number(bounds[0]) <= n
	to_number(bounds[1]) >= n
}

opens(allow, n) if {
	is_string(allow.protocol)
	all_protocols(allow.protocol)
}

opens(allow, n) if {
	is_string(allow.protocol)
	tcp(allow.protocol)
	no_ports(allow)
}

opens(allow, n) if {
	is_string(allow.protocol)
	tcp(allow.protocol)
	is_array(allow.ports)
	some p in allow.ports
	covers(p, n)
}

deny contains {
	"msg": sprintf("Firewall `%s` allows %s (%d) from %s", [r.address, service, port, concat(", ", [sprintf("`%s`", [s]) | some s in sort(sources)])]),
	"path": array.concat(r.path, ["source_ranges"]),
} if {
	some r in tf.resources_of("google_compute_firewall")
	ingress(r.body)
	not tf.is_true(object.get(r.body, "disabled", false))
	is_array(r.body.source_ranges)
	sources := {s | some s in r.body.source_ranges; s in open_ranges}
	count(sources) > 0
	some allow in allow_blocks(r.body)
	opens(allow, port)
}
