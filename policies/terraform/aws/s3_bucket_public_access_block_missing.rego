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
	tfm.linked("aws_s3_bucket_public_access_block", "bucket", b, "bucket")
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

