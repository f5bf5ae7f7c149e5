# METADATA
# title: KMS key rotation disabled
# description: >-
#   Automatic rotation gives a symmetric customer managed key new cryptographic material every year (or the
#   period you choose) while old ciphertexts stay decryptable, limiting how much data one compromised key version
#   protects. Asymmetric, HMAC and custom key store keys cannot be rotated automatically and are not flagged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key#enable_key_rotation
# custom:
#   id: TG-AWS-KMS-001
#   severity: medium
#   enforcement: block
#   remediation: |
#     Turn on automatic rotation:
#
#         resource "aws_kms_key" "app" {
#           description         = "app data"
#           enable_key_rotation = true
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 3.6
#     - NIST SP 800-53 SC-12
#     - PCI DSS 3.6.4
#   resource_types: [aws_kms_key]
package tollgate.terraform.aws.kms_key_rotation_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("KMS key `%s` sets `enable_key_rotation = false`", [r.address]),
	"path": array.concat(r.path, ["enable_key_rotation"]),
} if {
	some r in rotatable
	tf.is_false(r.body.enable_key_rotation)
}

deny contains {
	"msg": sprintf("KMS key `%s` does not set `enable_key_rotation = true` (default false)", [r.address]),
	"path": r.path,
} if {
	some r in rotatable
	unset(r.body, "enable_key_rotation")
}

# Symmetric encryption keys in AWS KMS key material: the only keys with automatic rotation.
rotatable contains r if {
	some r in tf.resources_of("aws_kms_key")
	symmetric(r.body)
	not custom_key_store(r.body)
}

symmetric(body) if {
	every attr in ["customer_master_key_spec", "key_spec"] {
		spec_default(body, attr)
	}
}

spec_default(body, attr) if unset(body, attr)

spec_default(body, attr) if body[attr] == "SYMMETRIC_DEFAULT"

# In a plan an omitted spec is unknown; the provider default is SYMMETRIC_DEFAULT.
spec_default(body, attr) if {
	is_object(input.planned_values)
	not attr in object.keys(body)
}

custom_key_store(body) if {
	v := body.custom_key_store_id
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
