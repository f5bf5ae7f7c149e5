# METADATA
# title: S3 bucket without a complete public access block
# description: >-
#   S3 Block Public Access is the guard that keeps a bucket private even when someone later adds a public ACL
#   or bucket policy. A bucket with no `aws_s3_bucket_public_access_block` (and no account-level block), or a
#   block with any of its four settings off, can be made public by a single mistaken change.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block
# custom:
#   id: TG-AWS-S3-003
#   severity: high
#   enforcement: block
#   remediation: |
#     Add a public access block for the bucket with all four settings on (or one
#     `aws_s3_account_public_access_block` for the whole account):
#
#         resource "aws_s3_bucket_public_access_block" "data" {
#           bucket                  = aws_s3_bucket.data.id
#           block_public_acls       = true
#           block_public_policy     = true
#           ignore_public_acls      = true
#           restrict_public_buckets = true
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 2.1.4
#     - AWS Foundational Security Best Practices S3.1, S3.8
#     - NIST SP 800-53 AC-3, AC-21
#   resource_types: [aws_s3_bucket, aws_s3_bucket_public_access_block, aws_s3_account_public_access_block]
package tollgate.terraform.aws.s3_bucket_public_access_block_missing

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import data.tollgate.lib.terraform_module.plan_references
import rego.v1

settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

block_types := ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"]

# A bucket that no public access block of the module covers.
deny contains {
	"msg": sprintf("S3 bucket `%s` has no `aws_s3_bucket_public_access_block` blocking public ACLs and policies", [b.address]),
	"path": b.path,
} if {
	some b in tf.resources_of("aws_s3_bucket")
	not account_blocked
	not covered(b)
}

# A public access block with a setting explicitly off.
deny contains {
	"msg": sprintf("Public access block `%s` sets `%s` to false", [c.address, setting]),
	"path": array.concat(c.path, [setting]),
} if {
	some type in block_types
	some c in tf.resources_of(type)
	some setting in settings
	tf.is_false(c.body[setting])
}

# A public access block that leaves settings out (they default to false).
deny contains {
	"msg": sprintf("Public access block `%s` does not set %s (default false)", [c.address, concat(", ", [sprintf("`%s`", [s]) | some s in missing])]),
	"path": c.path,
} if {
	some type in block_types
	some c in tf.resources_of(type)
	missing := [s | some s in settings; unset(c.body, s)]
	count(missing) > 0
}

covered(b) if {
	some c in tfm.module_resources_of("aws_s3_bucket_public_access_block")
	configures(c, b)
}

account_blocked if {
	some a in tfm.module_resources_of("aws_s3_account_public_access_block")
	every setting in settings {
		tf.is_true(a.body[setting])
	}
}

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
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
