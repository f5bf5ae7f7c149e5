# METADATA
# title: Secrets Manager secret without automatic rotation
# description: >-
#   A secret that is never rotated stays valid for as long as anyone who once read it, or any log or backup
#   it leaked into, keeps a copy. Automatic rotation limits that window. Secrets that cannot be rotated
#   automatically (third-party API keys) deserve a documented manual rotation instead, hence a warning.
# related_resources:
#   - ref: https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-1
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/secretsmanager_secret_rotation
# custom:
#   id: TG-AWS-SM-001
#   severity: low
#   enforcement: warn
#   remediation: |
#     Rotate the secret with a rotation function:
#
#         resource "aws_secretsmanager_secret_rotation" "db" {
#           secret_id           = aws_secretsmanager_secret.db.id
#           rotation_lambda_arn = aws_lambda_function.rotate_db.arn
#           rotation_rules {
#             automatically_after_days = 30
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices SecretsManager.1
#     - NIST SP 800-53 IA-5(1)
#   resource_types: [aws_secretsmanager_secret]
package tollgate.terraform.aws.secretsmanager_rotation_disabled

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import rego.v1

warn contains {
	"msg": sprintf("Secrets Manager secret `%s` has no automatic rotation (`aws_secretsmanager_secret_rotation`)", [s.address]),
	"path": s.path,
} if {
	some s in tf.resources_of("aws_secretsmanager_secret")
	not inline_rotation(s.body)
	not rotated(s)
}

# Provider versions before 5 configured rotation on the secret itself.
inline_rotation(body) if {
	not body.rotation_lambda_arn in {null, ""}
	body.rotation_lambda_arn
}

# A rotation whose `secret_id` refers to the secret, repeats its name (or, plan input, its ARN), or
# names no secret of the module (a variable, a module output) and may be for this one; plan input: the
# references its configuration records. Looked up in the module's index, not by scanning its rotations.
rotated(s) if tfm.linked("aws_secretsmanager_secret_rotation", "secret_id", s, "name")

rotated(s) if {
	is_object(input.planned_values)
	tfm.repeats("aws_secretsmanager_secret_rotation", "secret_id", s.body.arn)
}
