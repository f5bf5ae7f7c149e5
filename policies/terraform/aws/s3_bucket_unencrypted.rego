# METADATA
# title: S3 bucket without a default encryption configuration
# description: >-
#   A bucket should declare its default server-side encryption so that every object is encrypted at rest with
#   the intended key (SSE-KMS with a customer managed key gives key policies, rotation and CloudTrail records of
#   every decrypt). Without an `aws_s3_bucket_server_side_encryption_configuration` (or the legacy inline block)
#   the bucket falls back to the S3 default (SSE-S3, applied to every new object since January 2023), which is
#   not declared in code and cannot restrict who may decrypt. Because the data is encrypted at rest either way,
#   the rule warns instead of blocking: terraform-aws-modules/s3-bucket, for one, leaves the configuration out
#   unless asked, and a gate must not block that default.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration
# custom:
#   id: TG-AWS-S3-004
#   severity: medium
#   enforcement: warn
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
#     - NIST SP 800-53 SC-28
#     - PCI DSS 3.4
#   resource_types: [aws_s3_bucket, aws_s3_bucket_server_side_encryption_configuration]
package tollgate.terraform.aws.s3_bucket_unencrypted

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
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
	tfm.linked("aws_s3_bucket_server_side_encryption_configuration", "bucket", b, "bucket")
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
