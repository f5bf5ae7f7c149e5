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
#     - CIS AWS Foundations Benchmark v3.0.0 3.4
#     - AWS Foundational Security Best Practices S3.9
#     - NIST SP 800-53 AU-2, AU-12
#     - PCI DSS 10.2
#   resource_types: [aws_s3_bucket, aws_s3_bucket_logging]
package tollgate.terraform.aws.s3_bucket_logging_disabled

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
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
	tfm.linked("aws_s3_bucket_logging", "bucket", b, "bucket")
}

# The bucket receives the access logs of a bucket of the module: an aws_s3_bucket_logging or an inline
# `logging` block names it as `target_bucket`.
log_target(b) if {
	some attr in [["aws_s3_bucket_logging", "target_bucket"], ["aws_s3_bucket", "logging.target_bucket"]]
	tfm.refers(attr[0], attr[1], b)
}

log_target(b) if {
	some attr in [["aws_s3_bucket_logging", "target_bucket"], ["aws_s3_bucket", "logging.target_bucket"]]
	tfm.repeats(attr[0], attr[1], b.body.bucket)
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
