# METADATA
# title: Cloud Storage bucket without uniform bucket-level access
# description: >-
#   Without uniform bucket-level access a bucket keeps per-object ACLs next to IAM, so any object can be
#   made public or shared on its own and access is hard to audit. Uniform access makes IAM the only
#   access control for the bucket and its objects.
# related_resources:
#   - ref: https://cloud.google.com/storage/docs/uniform-bucket-level-access
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#uniform_bucket_level_access
# custom:
#   id: TG-GCP-GCS-002
#   severity: medium
#   enforcement: block
#   remediation: |
#     Enable uniform bucket-level access on the bucket and grant access with IAM:
#
#         resource "google_storage_bucket" "logs" {
#           name                        = "acme-logs"
#           location                    = "EU"
#           uniform_bucket_level_access = true
#         }
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 5.2
#   resource_types: [google_storage_bucket]
package tollgate.terraform.gcp.gcs_uniform_access_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

# `bucket_policy_only` is the pre-4.0 provider name of the same setting.
enabled(body) if tf.is_true(body.uniform_bucket_level_access)

enabled(body) if tf.is_true(body.bucket_policy_only)

# The attribute that turns uniform access off: `uniform_bucket_level_access` or, when only the
# legacy one is written, `bucket_policy_only`.
disabled_attr(body) := "uniform_bucket_level_access" if tf.is_false(body.uniform_bucket_level_access)

disabled_attr(body) := "bucket_policy_only" if {
	tf.is_false(body.bucket_policy_only)
	object.get(body, "uniform_bucket_level_access", null) == null
}

deny contains {
	"msg": sprintf("Storage bucket `%s` disables uniform bucket-level access", [r.address]),
	"path": array.concat(r.path, [disabled_attr(r.body)]),
} if {
	some r in tf.resources_of("google_storage_bucket")
	not enabled(r.body)
	disabled_attr(r.body)
}

deny contains {
	"msg": sprintf("Storage bucket `%s` does not enable uniform bucket-level access", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("google_storage_bucket")
	not has_setting(r.body)
}

has_setting(body) if body.uniform_bucket_level_access != null

has_setting(body) if body.bucket_policy_only != null
