# METADATA
# title: S3 bucket server access logging not enabled
# description: >-
#   Server access logs record every request made to the bucket (requester, operation, object, response), which
#   is what an incident responder needs to find out what was read or deleted. Buckets that themselves receive
#   access logs from other buckets are not flagged, since logging them to themselves would loop.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_logging
# custom:
#   id: TG-AWS-S3-006
#   severity: low
#   enforcement: warn
#   remediation: |
#     Send the bucket's access logs to a dedicated log bucket:
#
#         resource "aws_s3_bucket_logging" "data" {
#           bucket        = aws_s3_bucket.data.id
#           target_bucket = aws_s3_bucket.access_logs.id
#           target_prefix = "s3/data/"
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 3.4 (CloudTrail bucket)
#     - AWS Foundational Security Best Practices S3.9
#     - NIST SP 800-53 AU-2, AU-12
#     - PCI DSS 10.2
#   resource_types: [aws_s3_bucket, aws_s3_bucket_logging]
package tollgate.terraform.aws.s3_bucket_logging_disabled

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import data.tollgate.lib.terraform_module.plan_references
import rego.v1

warn contains {
	"msg": sprintf("S3 bucket `%s` has no server access logging", [b.address]),
	"path": b.path,
} if {
	some b in tf.resources_of("aws_s3_bucket")
	not inline_logging(b.body)
	not logged_by_companion(b)
	not log_target(b)
}

inline_logging(body) if {
	some _ in blocks(body, "logging")
}

inline_logging(body) if body.dynamic.logging

logged_by_companion(b) if {
	some c in tfm.module_resources_of("aws_s3_bucket_logging")
	configures(c, b)
}

# The bucket receives the access logs of a bucket of the module.
log_target(b) if {
	some c in tfm.module_resources_of("aws_s3_bucket_logging")
	names_bucket(c.body.target_bucket, b)
}

log_target(b) if {
	some other in tfm.module_resources_of("aws_s3_bucket")
	some l in blocks(other.body, "logging")
	names_bucket(l.target_bucket, b)
}

log_target(b) if {
	some c in tfm.module_resources_of("aws_s3_bucket_logging")
	some [address, "target_bucket", ref] in plan_references
	address == local_address(c.address)
	refers_to(ref, local_address(b.address))
}

names_bucket(v, b) if references(v, b.address)

names_bucket(v, b) if {
	is_string(v)
	v != ""
	v == b.body.bucket
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

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
