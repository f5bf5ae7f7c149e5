# METADATA
# title: S3 bucket versioning not enabled
# description: >-
#   Without versioning, an overwritten or deleted object is gone for good: a faulty deploy, a compromised
#   credential or ransomware can destroy the bucket's data with no way back. Versioning keeps prior versions
#   so they can be restored (pair it with a lifecycle rule expiring noncurrent versions to bound cost).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_versioning
# custom:
#   id: TG-AWS-S3-005
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Enable versioning for the bucket:
#
#         resource "aws_s3_bucket_versioning" "data" {
#           bucket = aws_s3_bucket.data.id
#           versioning_configuration {
#             status = "Enabled"
#           }
#         }
#   frameworks:
#     - NIST SP 800-53 CP-9, SI-12
#   resource_types: [aws_s3_bucket, aws_s3_bucket_versioning]
package tollgate.terraform.aws.s3_bucket_versioning_disabled

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import rego.v1

# A bucket with neither inline versioning enabled nor an aws_s3_bucket_versioning.
warn contains {
	"msg": sprintf("S3 bucket `%s` does not enable versioning", [b.address]),
	"path": disabled_path(b),
} if {
	some b in tf.resources_of("aws_s3_bucket")
	not inline_enabled(b.body)
	not has_companion(b)
}

# An aws_s3_bucket_versioning whose status is not "Enabled" (Suspended / Disabled).
warn contains {
	"msg": sprintf("S3 bucket versioning `%s` sets status `%s` instead of `Enabled`", [c.address, conf.status]),
	"path": array.concat(c.path, ["versioning_configuration", i, "status"]),
} if {
	some c in tf.resources_of("aws_s3_bucket_versioning")
	some i, conf in blocks(c.body, "versioning_configuration")
	is_string(conf.status)
	tf.is_known(conf.status)
	conf.status != "Enabled"
}

# Inline `versioning { enabled = ... }` that is true or cannot be resolved.
inline_enabled(body) if {
	some v in blocks(body, "versioning")
	tf.is_true(v.enabled)
}

inline_enabled(body) if {
	some v in blocks(body, "versioning")
	tf.is_unknown(v.enabled)
}

inline_enabled(body) if body.dynamic.versioning

has_companion(b) if {
	tfm.linked("aws_s3_bucket_versioning", "bucket", b, "bucket")
}

# Point at `enabled = false` when the bucket says so, else at the bucket.
disabled_path(b) := array.concat(b.path, ["versioning", min(off), "enabled"]) if {
	off := {i | some i, v in blocks(b.body, "versioning"); tf.is_false(v.enabled)}
	count(off) > 0
} else := b.path

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
