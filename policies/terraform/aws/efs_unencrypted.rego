# METADATA
# title: EFS file system not encrypted at rest
# description: >-
#   An EFS file system created without `encrypted = true` (the API and provider default is false) stores
#   its files and metadata unencrypted, and encryption cannot be turned on later: the data has to be copied
#   to a new file system.
# related_resources:
#   - ref: https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-1
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_file_system#encrypted
# custom:
#   id: TG-AWS-EFS-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Create the file system encrypted (optionally with your own key):
#
#         resource "aws_efs_file_system" "shared" {
#           creation_token = "shared"
#           encrypted      = true
#           kms_key_id     = aws_kms_key.efs.arn
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 2.4.1
#     - AWS Foundational Security Best Practices EFS.1, EFS.8
#     - NIST SP 800-53 SC-28
#   resource_types: [aws_efs_file_system]
package tollgate.terraform.aws.efs_unencrypted

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("EFS file system `%s` sets `encrypted = false` and stores its files unencrypted", [r.address]),
	"path": array.concat(r.path, ["encrypted"]),
} if {
	some r in tf.resources_of("aws_efs_file_system")
	tf.is_false(r.body.encrypted)
}

deny contains {
	"msg": sprintf("EFS file system `%s` does not set `encrypted = true` (default false) and stores its files unencrypted", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_efs_file_system")
	unset(r.body, "encrypted")
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
