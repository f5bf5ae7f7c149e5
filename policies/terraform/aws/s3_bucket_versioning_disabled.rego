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
#     - AWS Foundational Security Best Practices S3.14
#     - NIST SP 800-53 CP-9, SI-12
#   resource_types: [aws_s3_bucket, aws_s3_bucket_versioning]
package tollgate.terraform.aws.s3_bucket_versioning_disabled

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import data.tollgate.lib.terraform_module.plan_references
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
	some c in tfm.module_resources_of("aws_s3_bucket_versioning")
	configures(c, b)
}

# Point at `enabled = false` when the bucket says so, else at the bucket.
disabled_path(b) := array.concat(b.path, ["versioning", min(off), "enabled"]) if {
	off := {i | some i, v in blocks(b.body, "versioning"); tf.is_false(v.enabled)}
	count(off) > 0
} else := b.path

# Companion resource `c` (an aws_s3_bucket_* resource) configures bucket `b`: its `bucket` refers to the
# bucket resource or repeats its literal name.
configures(c, b) if references(c.body.bucket, b.address)

configures(c, b) if {
	is_string(c.body.bucket)
	c.body.bucket != ""
	c.body.bucket == b.body.bucket
}

# Expression `v` refers to the resource at `address`: "${aws_s3_bucket.logs.id}", also through an
# instance key or splat of a `count`/`for_each` bucket ("${aws_s3_bucket.logs[0].id}",
# "${aws_s3_bucket.logs[\"k\"].id}", "${aws_s3_bucket.logs.*.id}") and anywhere in a conditional or
# `try()`. A longer name (`aws_s3_bucket.logs_archive`) or a data source (`data.aws_s3_bucket.logs`) is not.
# (`tf.references` only knows the first form.)
references(v, address) if {
	is_string(v)
	contains(v, address)
	regex.match(sprintf(`(^|[^A-Za-z0-9_.-])%s[.\[]`, [replace(address, ".", `\.`)]), v)
}

# An expression naming no bucket resource of the module (`each.value.id`, `var.bucket`, a module output)
# may stand for any bucket: give it the benefit of the doubt.
configures(c, _) if {
	tf.is_unknown(c.body.bucket)
	not contains(c.body.bucket, "aws_s3_bucket.")
}

# Plan input: the `configuration` section keeps the references of the `bucket` expression.
configures(c, b) if {
	some [address, "bucket", ref] in plan_references
	address == local_address(c.address)
	refers_to(ref, local_address(b.address))
}

refers_to(ref, address) if ref == address

refers_to(ref, address) if startswith(ref, sprintf("%s.", [address]))

# `module.x.aws_s3_bucket.b["k"]` -> `aws_s3_bucket.b`, the address used inside its module's configuration.
local_address(address) := concat(".", array.slice(parts, count(parts) - 2, count(parts))) if {
	parts := split(regex.replace(address, `\[[^\]]*\]`, ""), ".")
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
