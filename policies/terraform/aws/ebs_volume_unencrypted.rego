# METADATA
# title: EBS volume not encrypted
# description: >-
#   An unencrypted EBS volume keeps its data, and every snapshot taken of it, in plaintext at rest; snapshots in
#   particular are easily copied or shared by mistake. Encryption is chosen when the volume is created. Volumes
#   are not flagged when the module turns on EBS encryption by default (`aws_ebs_encryption_by_default`) or,
#   for a missing setting, when they are created from a snapshot (they inherit its encryption).
# related_resources:
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_volume#encrypted
# custom:
#   id: TG-AWS-EC2-004
#   severity: high
#   enforcement: block
#   remediation: |
#     Create the volume encrypted (or enable EBS encryption by default for the account and region):
#
#         resource "aws_ebs_volume" "data" {
#           availability_zone = "eu-west-1a"
#           size              = 100
#           encrypted         = true
#           kms_key_id        = aws_kms_key.ebs.arn
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 2.2.1
#     - AWS Foundational Security Best Practices EC2.3
#     - NIST SP 800-53 SC-28
#     - PCI DSS 3.4
#   resource_types: [aws_ebs_volume]
package tollgate.terraform.aws.ebs_volume_unencrypted

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import rego.v1

deny contains {
	"msg": sprintf("EBS volume `%s` sets `encrypted = false`", [r.address]),
	"path": array.concat(r.path, ["encrypted"]),
} if {
	some r in tf.resources_of("aws_ebs_volume")
	tf.is_false(r.body.encrypted)
	not encryption_by_default
}

deny contains {
	"msg": sprintf("EBS volume `%s` does not set `encrypted = true`", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_ebs_volume")
	unset(r.body, "encrypted")
	not from_snapshot(r.body)
	not encryption_by_default
}

encryption_by_default if {
	some e in tfm.module_resources_of("aws_ebs_encryption_by_default")
	not tf.is_false(e.body.enabled)
}

from_snapshot(body) if {
	v := body.snapshot_id
	v != null
	v != ""
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
