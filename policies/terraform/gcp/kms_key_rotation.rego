# METADATA
# title: KMS key not rotated within 90 days
# description: >-
#   A symmetric Cloud KMS key without `rotation_period`, or with one longer than 90 days, keeps
#   encrypting new data with the same key version indefinitely: more data is exposed if that version
#   is compromised, and a leaked version stays useful longer. Asymmetric, MAC, import-only and external
#   keys cannot be rotated automatically and are not reported.
# related_resources:
#   - ref: https://cloud.google.com/kms/docs/key-rotation
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/kms_crypto_key#rotation_period
# custom:
#   id: TG-GCP-KMS-001
#   severity: medium
#   enforcement: block
#   remediation: |
#     Rotate the key automatically at most every 90 days (7776000 seconds):
#
#         resource "google_kms_crypto_key" "data" {
#           name            = "data"
#           key_ring        = google_kms_key_ring.main.id
#           rotation_period = "7776000s"
#         }
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 1.10
#   resource_types: [google_kms_crypto_key]
package tollgate.terraform.gcp.kms_key_rotation

import data.tollgate.lib.terraform as tf
import rego.v1

max_seconds := 7776000

deny contains {
	"msg": sprintf("KMS key `%s` has no `rotation_period`, so it is never rotated automatically", [r.address]),
	"path": r.path,
} if {
	some r in rotatable_keys
	unset(r, r.body, "rotation_period")
}

deny contains {
	"msg": sprintf("KMS key `%s` is rotated every %s, more than 90 days", [r.address, r.body.rotation_period]),
	"path": array.concat(r.path, ["rotation_period"]),
} if {
	some r in rotatable_keys
	seconds(r.body.rotation_period) > max_seconds
}

# Symmetric keys (the default purpose) that Cloud KMS can rotate automatically.
rotatable_keys := [r |
	some r in tf.resources_of("google_kms_crypto_key")
	object.get(r.body, "purpose", "ENCRYPT_DECRYPT") in {"ENCRYPT_DECRYPT", null}
	not tf.is_true(object.get(r.body, "import_only", false))
	not external(r.body)
]

external(body) if {
	some t in tf.blocks(body, "version_template")
	is_string(t.protection_level)
	startswith(upper(t.protection_level), "EXTERNAL")
}

# "7776000s" or "7776000.5s" as a number of seconds; undefined for unresolved values.
seconds(v) := to_number(trim_suffix(v, "s")) if {
	is_string(v)
	regex.match(`^[0-9]+(\.[0-9]+)?s$`, v)
}

# Not set: absent from a configuration; in a plan, present as null (a plan leaves out values known
# only after apply, such as the email of a service account created in the same run).
unset(r, obj, attr) if {
	r.path[0] != "planned_values"
	object.get(obj, attr, null) == null
}

unset(r, obj, attr) if {
	r.path[0] == "planned_values"
	attr in object.keys(obj)
	obj[attr] == null
}
