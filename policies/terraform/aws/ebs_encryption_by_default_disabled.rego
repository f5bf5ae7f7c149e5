# METADATA
# title: EBS encryption by default turned off
# description: >-
#   With EBS encryption by default, every new volume and snapshot copy in the region is encrypted, whatever
#   the tool or person creating it. An `aws_ebs_encryption_by_default` with `enabled = false` turns this
#   guard off for the whole account and region.
# related_resources:
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-7
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_encryption_by_default
# custom:
#   id: TG-AWS-EC2-009
#   severity: high
#   enforcement: block
#   remediation: |
#     Turn encryption by default on (optionally with your own key):
#
#         resource "aws_ebs_encryption_by_default" "this" {
#           enabled = true
#         }
#
#         resource "aws_ebs_default_kms_key" "this" {
#           key_arn = aws_kms_key.ebs.arn
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 2.2.1
#     - AWS Foundational Security Best Practices EC2.7
#     - NIST SP 800-53 SC-28
#   resource_types: [aws_ebs_encryption_by_default]
package tollgate.terraform.aws.ebs_encryption_by_default_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

# Only an explicit false: the argument defaults to true.
deny contains {
	"msg": sprintf("`%s` turns EBS encryption by default off for the account and region", [r.address]),
	"path": array.concat(r.path, ["enabled"]),
} if {
	some r in tf.resources_of("aws_ebs_encryption_by_default")
	tf.is_false(r.body.enabled)
}
