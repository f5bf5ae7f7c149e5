package tollgate.terraform.aws.secretsmanager_rotation_disabled_test

import data.tollgate.terraform.aws.secretsmanager_rotation_disabled as rule
import data.tollgate.lib.terraform as tf
import rego.v1

# The module's resources by type, as tollgate indexes them (`data.tollgate.module_resources`).
idx(mod) := {type: tf.block_resources_of(mod.resource, type) | some type, _ in object.get(mod, "resource", {})}

secret := {"aws_secretsmanager_secret": {"db": [{"name": "prod/db", "kms_key_id": "${aws_kms_key.secrets.arn}"}]}}

rotation(secret_id) := {"aws_secretsmanager_secret_rotation": {"db": [{"secret_id": secret_id, "rotation_lambda_arn": "${aws_lambda_function.rotate.arn}", "rotation_rules": [{"automatically_after_days": 30}]}]}}

test_without_rotation_warned if {
	mod := {"resource": secret}
	r := rule.warn with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_secretsmanager_secret", "db", 0]
}

test_rotation_in_other_file_allowed if {
	count(rule.warn) == 0 with input as {"resource": secret} with data.tollgate.module as {"resource": object.union(secret, rotation("${aws_secretsmanager_secret.db.id}"))} with data.tollgate.module_resources as idx({"resource": object.union(secret, rotation("${aws_secretsmanager_secret.db.id}"))})
}

test_rotation_by_name_or_unknown_allowed if {
	mod := {"resource": object.union(secret, rotation("prod/db"))}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
	mod2 := {"resource": object.union(secret, rotation("${var.secret_arn}"))}
	count(rule.warn) == 0 with input as mod2 with data.tollgate.module as mod2 with data.tollgate.module_resources as idx(mod2)
}

test_rotation_of_other_secret_warned if {
	mod := {"resource": object.union(secret, rotation("${aws_secretsmanager_secret.api_key.id}"))}
	count(rule.warn) == 1 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_legacy_inline_rotation_allowed if {
	mod := {"resource": {"aws_secretsmanager_secret": {"db": [{"name": "prod/db", "rotation_lambda_arn": "${aws_lambda_function.rotate.arn}"}]}}}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

plan_resource(type, name, values) := {"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name, "values": values}

test_plan if {
	without := {"planned_values": {"root_module": {"resources": [plan_resource("aws_secretsmanager_secret", "db", {"name": "prod/db"})]}}}
	r := rule.warn with input as without
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values"]
	with_rotation := {
		"planned_values": {"root_module": {"resources": [
			plan_resource("aws_secretsmanager_secret", "db", {"name": "prod/db"}),
			plan_resource("aws_secretsmanager_secret_rotation", "db", {"rotation_rules": [{"automatically_after_days": 30}]}),
		]}},
		"configuration": {"root_module": {"resources": [{"address": "aws_secretsmanager_secret_rotation.db", "expressions": {"secret_id": {"references": ["aws_secretsmanager_secret.db.id", "aws_secretsmanager_secret.db"]}}}]}},
	}
	count(rule.warn) == 0 with input as with_rotation
}
