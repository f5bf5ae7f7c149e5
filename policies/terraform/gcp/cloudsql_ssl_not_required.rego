# METADATA
# title: Cloud SQL instance accepts unencrypted connections
# description: >-
#   Unless `ssl_mode` is `ENCRYPTED_ONLY` or `TRUSTED_CLIENT_CERTIFICATE_REQUIRED` (or the legacy
#   `require_ssl` is true), Cloud SQL accepts plaintext connections, so credentials and query data can
#   be read or altered by anyone on the network path.
# related_resources:
#   - ref: https://cloud.google.com/sql/docs/postgres/configure-ssl-instance
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#ssl_mode
# custom:
#   id: TG-GCP-SQL-002
#   severity: high
#   enforcement: block
#   remediation: |
#     Require TLS on every connection in the instance's `ip_configuration`:
#
#         settings {
#           tier = "db-custom-2-7680"
#           ip_configuration {
#             ipv4_enabled    = false
#             private_network = google_compute_network.main.id
#             ssl_mode        = "ENCRYPTED_ONLY"   # or TRUSTED_CLIENT_CERTIFICATE_REQUIRED
#           }
#         }
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 6.4
#   resource_types: [google_sql_database_instance]
package tollgate.terraform.gcp.cloudsql_ssl_not_required

import data.tollgate.lib.terraform as tf
import rego.v1

enforcing_modes := {"ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}

settings contains {"r": r, "s": s, "path": array.concat(r.path, ["settings", i])} if {
	some r in tf.resources_of("google_sql_database_instance")
	is_array(r.body.settings)
	some i, s in r.body.settings
	is_object(s)
}

has_ip_configuration(s) if {
	is_array(s.ip_configuration)
	some c in s.ip_configuration
	is_object(c)
}

# TLS enforced, or not known (unresolved expression).
ok(c) if tf.is_true(c.require_ssl)

ok(c) if c.ssl_mode in enforcing_modes

ok(c) if tf.is_unknown(c.require_ssl)

ok(c) if tf.is_unknown(c.ssl_mode)

# A non-empty ssl_mode that does not enforce TLS (ALLOW_UNENCRYPTED_AND_ENCRYPTED).
weak_mode(c) if {
	is_string(c.ssl_mode)
	c.ssl_mode != ""
}

# ip_configuration written as a dynamic block, or as an unresolved expression: not judged.
generated_ip_configuration(s) if s.dynamic.ip_configuration

generated_ip_configuration(s) if tf.is_unknown(s.ip_configuration)

deny contains {
	"msg": sprintf("Cloud SQL instance `%s` does not require SSL/TLS (no `ip_configuration` setting `ssl_mode`)", [x.r.address]),
	"path": x.path,
} if {
	some x in settings
	not has_ip_configuration(x.s)
	not generated_ip_configuration(x.s)
}

deny contains {
	"msg": sprintf("Cloud SQL instance `%s` accepts unencrypted connections (`ssl_mode = \"%s\"`)", [x.r.address, c.ssl_mode]),
	"path": array.concat(x.path, ["ip_configuration", j, "ssl_mode"]),
} if {
	some x in settings
	is_array(x.s.ip_configuration)
	some j, c in x.s.ip_configuration
	is_object(c)
	not ok(c)
	weak_mode(c)
}

deny contains {
	"msg": sprintf("Cloud SQL instance `%s` does not require SSL/TLS (`require_ssl = false`)", [x.r.address]),
	"path": array.concat(x.path, ["ip_configuration", j, "require_ssl"]),
} if {
	some x in settings
	is_array(x.s.ip_configuration)
	some j, c in x.s.ip_configuration
	is_object(c)
	not ok(c)
	not weak_mode(c)
	tf.is_false(c.require_ssl)
}

deny contains {
	"msg": sprintf("Cloud SQL instance `%s` does not require SSL/TLS (`ssl_mode` is not set)", [x.r.address]),
	"path": array.concat(x.path, ["ip_configuration", j]),
} if {
	some x in settings
	is_array(x.s.ip_configuration)
	some j, c in x.s.ip_configuration
	is_object(c)
	not ok(c)
	not weak_mode(c)
	not tf.is_false(c.require_ssl)
}
