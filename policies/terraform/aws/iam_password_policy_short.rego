# METADATA
# title: IAM password policy allows passwords shorter than 14 characters
# description: >-
#   The account password policy sets the minimum length of IAM user console passwords. Without
#   `minimum_password_length` it is 6 characters (the AWS and provider default); short passwords are
#   quick to brute-force or guess. CIS requires at least 14.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-7
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_account_password_policy
# custom:
#   id: TG-AWS-IAM-002
#   severity: medium
#   enforcement: block
#   remediation: |
#     Require passwords of 14 characters or more:
#
#         resource "aws_iam_account_password_policy" "this" {
#           minimum_password_length        = 14
#           require_lowercase_characters   = true
#           require_uppercase_characters   = true
#           require_numbers                = true
#           require_symbols                = true
#           password_reuse_prevention      = 24
#           allow_users_to_change_password = true
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 1.8
#     - AWS Foundational Security Best Practices IAM.7
#     - NIST SP 800-53 IA-5(1)
#   resource_types: [aws_iam_account_password_policy]
package tollgate.terraform.aws.iam_password_policy_short

import data.tollgate.lib.terraform as tf
import rego.v1

minimum := 14

deny contains {
	"msg": sprintf("IAM account password policy `%s` sets `minimum_password_length = %v` (at least %d required)", [r.address, length, minimum]),
	"path": array.concat(r.path, ["minimum_password_length"]),
} if {
	some r in tf.resources_of("aws_iam_account_password_policy")
	length := tf.to_num(r.body.minimum_password_length)
	length < minimum
}

deny contains {
	"msg": sprintf("IAM account password policy `%s` does not set `minimum_password_length` (default 6, at least %d required)", [r.address, minimum]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_iam_account_password_policy")
	unset(r.body, "minimum_password_length")
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
