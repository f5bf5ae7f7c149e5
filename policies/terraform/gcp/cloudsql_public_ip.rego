# METADATA
# title: Cloud SQL instance has a public IP address
# description: >-
#   A Cloud SQL instance with `ipv4_enabled` (the provider default when `ip_configuration` is left out)
#   gets a public IPv4 address, so the database is one authorized-network entry away from the internet;
#   an authorized network of `0.0.0.0/0` opens it to everyone. Private IP keeps it inside the VPC.
# related_resources:
#   - ref: https://cloud.google.com/sql/docs/mysql/configure-private-ip
#   - ref: https://cloud.google.com/sql/docs/mysql/authorize-networks
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#ipv4_enabled
# custom:
#   id: TG-GCP-SQL-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Turn the public address off and connect over private IP (or the Cloud SQL Auth Proxy from inside
#     the VPC); never authorize `0.0.0.0/0`:
#
#         settings {
#           tier = "db-custom-2-7680"
#           ip_configuration {
#             ipv4_enabled    = false
#             private_network = google_compute_network.main.id
#             ssl_mode        = "ENCRYPTED_ONLY"
#           }
#         }
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 6.5, 6.6
#   resource_types: [google_sql_database_instance]
package tollgate.terraform.gcp.cloudsql_public_ip

import data.tollgate.lib.terraform as tf
import rego.v1

open_networks := {"0.0.0.0/0"}

# settings blocks with their paths.
settings contains {"r": r, "s": s, "path": array.concat(r.path, ["settings", i])} if {
	some r in tf.resources_of("google_sql_database_instance")
	is_array(r.body.settings)
	some i, s in r.body.settings
	is_object(s)
}

ip_configs(s) := [c | some c in s.ip_configuration; is_object(c)] if is_array(s.ip_configuration)

ip_configs(s) := [] if not is_array(s.ip_configuration)

# ipv4_enabled defaults to true.
public(c) if object.get(c, "ipv4_enabled", null) == null

public(c) if tf.is_true(c.ipv4_enabled)

# Authorized networks open to the internet, with their index.
open_network_indexes(c) := {k |
	is_array(c.authorized_networks)
	some k, n in c.authorized_networks
	is_object(n)
	n.value in open_networks
}

# ip_configuration written as a dynamic block, or as an unresolved expression: not judged.
generated_ip_configuration(s) if s.dynamic.ip_configuration

generated_ip_configuration(s) if tf.is_unknown(s.ip_configuration)

# No ip_configuration at all: public IP by default.
deny contains {
	"msg": sprintf("Cloud SQL instance `%s` gets a public IP address (`ipv4_enabled` defaults to true)", [x.r.address]),
	"path": x.path,
} if {
	some x in settings
	count(ip_configs(x.s)) == 0
	not generated_ip_configuration(x.s)
}

deny contains {
	"msg": sprintf("Cloud SQL instance `%s` has a public IP address open to `0.0.0.0/0`", [x.r.address]),
	"path": array.concat(x.path, ["ip_configuration", j, "authorized_networks", k, "value"]),
} if {
	some x in settings
	is_array(x.s.ip_configuration)
	some j, c in x.s.ip_configuration
	is_object(c)
	public(c)
	some k in open_network_indexes(c)
}

deny contains {
	"msg": sprintf("Cloud SQL instance `%s` has a public IP address (`ipv4_enabled = true`)", [x.r.address]),
	"path": array.concat(x.path, ["ip_configuration", j, "ipv4_enabled"]),
} if {
	some x in settings
	is_array(x.s.ip_configuration)
	some j, c in x.s.ip_configuration
	is_object(c)
	tf.is_true(c.ipv4_enabled)
	count(open_network_indexes(c)) == 0
}

deny contains {
	"msg": sprintf("Cloud SQL instance `%s` gets a public IP address (`ipv4_enabled` defaults to true)", [x.r.address]),
	"path": array.concat(x.path, ["ip_configuration", j]),
} if {
	some x in settings
	is_array(x.s.ip_configuration)
	some j, c in x.s.ip_configuration
	is_object(c)
	object.get(c, "ipv4_enabled", null) == null
	count(open_network_indexes(c)) == 0
}
