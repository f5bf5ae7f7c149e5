# METADATA
# title: IAM password policy allows reusing recent passwords
# description: >-
#   Without `password_reuse_prevention` (or with a value below 24) IAM users can set a password they used
#   before, so a leaked old password keeps working after a forced change. CIS asks the policy to remember
#   the last 24 passwords.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_account_password_policy#password_reuse_prevention
# custom:
#   id: TG-AWS-IAM-003
#   severity: low
#   enforcement: warn
#   remediation: |
#     Remember the last 24 passwords:
#
#         resource "aws_iam_account_password_policy" "this" {
#           minimum_password_length   = 14
#           password_reuse_prevention = 24
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 1.9
#     - NIST SP 800-53 IA-5(1)
#   resource_types: [aws_iam_account_password_policy]
package tollgate.terraform.aws.iam_password_reuse_allowed

import data.tollgate.lib.terraform as tf
import rego.v1

remembered := 24

warn contains {
	"msg": sprintf("IAM account password policy `%s` sets `password_reuse_prevention = %v` (%d recommended)", [r.address, n, remembered]),
	"path": array.concat(r.path, ["password_reuse_prevention"]),
} if {
	some r in tf.resources_of("aws_iam_account_password_policy")
	n := tf.to_num(r.body.password_reuse_prevention)
	n < remembered
}

warn contains {
	"msg": sprintf("IAM account password policy `%s` does not set `password_reuse_prevention`, so users may reuse old passwords", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_iam_account_password_policy")
	unset(r.body, "password_reuse_prevention")
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
