# METADATA
# title: S3 bucket without a default encryption configuration
# description: >-
#   A bucket should declare its default server-side encryption so that every object is encrypted at rest with
#   the intended key (SSE-KMS with a customer managed key gives key policies, rotation and CloudTrail records of
#   every decrypt). Without an `aws_s3_bucket_server_side_encryption_configuration` (or the legacy inline block)
#   the bucket falls back to the S3 default (SSE-S3), which is not declared in code and cannot restrict who may
#   decrypt.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration
# custom:
#   id: TG-AWS-S3-004
#   severity: high
#   enforcement: block
#   remediation: |
#     Add a server-side encryption configuration for the bucket:
#
#         resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
#           bucket = aws_s3_bucket.data.id
#           rule {
#             apply_server_side_encryption_by_default {
#               sse_algorithm     = "aws:kms"
#               kms_master_key_id = aws_kms_key.s3.arn
#             }
#             bucket_key_enabled = true
#           }
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v1.4.0 2.1.1
#     - AWS Foundational Security Best Practices S3.4
#     - NIST SP 800-53 SC-28
#     - PCI DSS 3.4
#   resource_types: [aws_s3_bucket, aws_s3_bucket_server_side_encryption_configuration]
package tollgate.terraform.aws.s3_bucket_unencrypted

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import data.tollgate.lib.terraform_module.plan_references
import rego.v1

deny contains {
	"msg": sprintf("S3 bucket `%s` has no server-side encryption configuration", [b.address]),
	"path": b.path,
} if {
	some b in tf.resources_of("aws_s3_bucket")
	not inline_encryption(b.body)
	not encrypted_by_companion(b)
}

# Legacy inline block (provider < 4), also how a plan shows the configuration of an existing bucket.
inline_encryption(body) if {
	some _ in blocks(body, "server_side_encryption_configuration")
}

inline_encryption(body) if body.dynamic.server_side_encryption_configuration

encrypted_by_companion(b) if {
	some c in tfm.module_resources_of("aws_s3_bucket_server_side_encryption_configuration")
	configures(c, b)
}

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
