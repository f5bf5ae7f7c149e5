package tollgate.terraform.secrets.resource_credentials_test

import data.tollgate.terraform.secrets.resource_credentials as rule
import rego.v1

resource(type, body) := {"resource": {type: {"main": [body]}}}

test_top_level_arguments_denied if {
	r := rule.deny with input as resource("aws_db_instance", {"engine": "postgres", "username": "app", "password": "Sup3r-S3cret!"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_db_instance", "main", 0, "password"]
	f.msg == "Resource `aws_db_instance.main` sets `password` to a literal credential (`Sup3****`)"
	count(rule.deny) == 1 with input as resource("aws_rds_cluster", {"master_password": "Sup3r-S3cret!"})
	count(rule.deny) == 1 with input as resource("aws_elasticache_replication_group", {"auth_token": "fake-redis-auth-token-1234"})
	count(rule.deny) == 1 with input as resource("azurerm_mssql_server", {"administrator_login_password": "P@ssw0rd1234"})
	count(rule.deny) == 1 with input as resource("google_sql_user", {"name": "app", "password": "hunter2"})
}

test_write_only_arguments_denied if {
	r := rule.deny with input as resource("aws_db_instance", {"password_wo": "UberSecretPassword", "password_wo_version": 1})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_db_instance", "main", 0, "password_wo"]
	count(rule.deny) == 1 with input as resource("aws_rds_cluster", {"master_password_wo": "Sup3r-S3cret!"})
	count(rule.deny) == 1 with input as resource("aws_secretsmanager_secret_version", {"secret_string_wo": "{\"k\": \"v4lue-123\"}"})
	count(rule.deny) == 0 with input as resource("aws_db_instance", {"password_wo": "${ephemeral.random_password.db.result}"})
}

test_nested_arguments_denied if {
	r := rule.deny with input as resource("aws_opensearch_domain", {"advanced_security_options": [{"enabled": true, "master_user_options": [{"master_user_name": "admin", "master_user_password": "Sup3r-S3cret!"}]}]})
	some f in r
	f.path == ["resource", "aws_opensearch_domain", "main", 0, "advanced_security_options", 0, "master_user_options", 0, "master_user_password"]
	f.msg == "Resource `aws_opensearch_domain.main` sets `advanced_security_options[0].master_user_options[0].master_user_password` to a literal credential (`Sup3****`)"
	r2 := rule.deny with input as resource("aws_elasticache_user", {"user_id": "app", "passwords": ["${random_password.a.result}", "fake-second-password"]})
	{g.path | some g in r2} == {["resource", "aws_elasticache_user", "main", 0, "passwords", 1]}
	r3 := rule.deny with input as resource("kubernetes_secret", {"metadata": [{"name": "db"}], "data": {"username": "app", "password": "hunter2"}})
	count(r3) == 2
}

test_references_and_placeholders_allowed if {
	count(rule.deny) == 0 with input as resource("aws_db_instance", {"password": "${random_password.db.result}"})
	count(rule.deny) == 0 with input as resource("aws_db_instance", {"password": "${var.db_password}"})
	count(rule.deny) == 0 with input as resource("aws_db_instance", {"manage_master_user_password": true})
	count(rule.deny) == 0 with input as resource("aws_rds_cluster", {"master_password": "changeme"})
	count(rule.deny) == 0 with input as resource("aws_rds_cluster", {"master_password": "<set me>"})
	count(rule.deny) == 0 with input as resource("aws_rds_cluster", {"master_password": ""})
}

test_ssm_parameter_secure_string_only if {
	count(rule.deny) == 1 with input as resource("aws_ssm_parameter", {"name": "/app/db", "type": "SecureString", "value": "Sup3r-S3cret!"})
	count(rule.deny) == 0 with input as resource("aws_ssm_parameter", {"name": "/app/url", "type": "String", "value": "https://api.example.com"})
}

test_other_arguments_allowed if {
	count(rule.deny) == 0 with input as resource("aws_db_instance", {"username": "admin", "engine": "postgres"})
	count(rule.deny) == 0 with input as resource("aws_s3_bucket", {"password": "not-a-credential-argument-here"})
}

test_plan_constants if {
	plan := {"planned_values": {"root_module": {"resources": []}}, "configuration": {"root_module": {"resources": [
		{"address": "aws_db_instance.main", "mode": "managed", "type": "aws_db_instance", "name": "main", "expressions": {"password": {"constant_value": "Sup3r-S3cret!"}}},
		{"address": "aws_rds_cluster.main", "mode": "managed", "type": "aws_rds_cluster", "name": "main", "expressions": {"master_password": {"references": ["var.db_password"]}}},
		{"address": "aws_mq_broker.main", "mode": "managed", "type": "aws_mq_broker", "name": "main", "expressions": {"user": [{"username": {"constant_value": "admin"}, "password": {"constant_value": "Sup3r-S3cret-MQ"}}]}},
		{"address": "aws_elasticache_user.main", "mode": "managed", "type": "aws_elasticache_user", "name": "main", "expressions": {"passwords": {"constant_value": ["fake-first-password"]}}},
		{"address": "aws_ssm_parameter.url", "mode": "managed", "type": "aws_ssm_parameter", "name": "url", "expressions": {"type": {"constant_value": "String"}, "value": {"constant_value": "https://x"}}},
	]}}}
	r := rule.deny with input as plan
	{f.path | some f in r} == {
		["configuration", "root_module", "resources", 0, "expressions", "password", "constant_value"],
		["configuration", "root_module", "resources", 2, "expressions", "user", 0, "password", "constant_value"],
		["configuration", "root_module", "resources", 3, "expressions", "passwords", "constant_value", 0],
	}
	some f in r
	f.msg == "Resource `aws_mq_broker.main` sets `user[0].password` to a literal credential (`Sup3****`)"
}

test_plan_values_not_judged if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_db_instance.main", "mode": "managed", "type": "aws_db_instance", "name": "main", "values": {"password": "from-a-sensitive-variable"}}]}}}
	count(rule.deny) == 0 with input as plan
}
