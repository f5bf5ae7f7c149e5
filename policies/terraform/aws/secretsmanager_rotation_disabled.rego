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
import data.tollgate.lib.terraform_module.plan_references
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

# The module's rotations, indexed once: the secrets their `secret_id` refers to, the literal names they
# repeat, and whether one names no secret resource at all (`var.secret_arn`, `each.value.id`: it may be
# any secret, which gets the benefit of the doubt).
rotated(s) if s.address in rotation_targets.addresses

rotated(s) if {
	is_string(s.body.name)
	s.body.name in rotation_targets.names
}

rotated(_) if rotation_targets.any

# Plan input: references kept in the `configuration` section, or the ARN of an existing secret.
rotated(s) if {
	is_object(input.planned_values)
	some r in rotations
	rotates(r, s)
}

rotations := tfm.module_resources_of("aws_secretsmanager_secret_rotation")

rotation_targets := {
	"addresses": {a | some r in rotations; some a in secret_references(r.body.secret_id)},
	"names": {r.body.secret_id | some r in rotations; is_string(r.body.secret_id); tf.is_known(r.body.secret_id); r.body.secret_id != ""},
	"any": count([r | some r in rotations; tf.is_unknown(r.body.secret_id); not contains(r.body.secret_id, "aws_secretsmanager_secret.")]) > 0,
}

# `aws_secretsmanager_secret.<name>` addresses an expression refers to, as `tf.references` reads them.
secret_references(v) := {sprintf("aws_secretsmanager_secret.%s", [m[1]]) |
	some m in regex.find_all_string_submatch_n(`(?:^|[^A-Za-z0-9_.-])aws_secretsmanager_secret\.([A-Za-z0-9_-]+)[.\[]`, v, -1)
} if is_string(v)

secret_references(v) := set() if not is_string(v)

# Plan input: the `configuration` section keeps the references of the `secret_id` expression.
rotates(r, s) if {
	some [address, "secret_id", ref] in plan_references
	address == local_address(r.address)
	refers_to(ref, local_address(s.address))
}

# Plan input: the secret's ARN, known when the secret already exists.
rotates(r, s) if {
	is_string(s.body.arn)
	r.body.secret_id == s.body.arn
}

refers_to(ref, address) if ref == address

refers_to(ref, address) if startswith(ref, sprintf("%s.", [address]))

# `module.x.aws_secretsmanager_secret.b["k"]` -> `aws_secretsmanager_secret.b`.
local_address(address) := concat(".", array.slice(parts, count(parts) - 2, count(parts))) if {
	parts := split(regex.replace(address, `\[[^\]]*\]`, ""), ".")
}
