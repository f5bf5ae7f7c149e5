package tollgate.kubernetes.secret_in_env_literal_test

import data.tollgate.kubernetes.secret_in_env_literal
import rego.v1

deployment(env) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.27", "env": env}]}}}}

denied(name, value) if count(secret_in_env_literal.deny) == 1 with input as deployment([{"name": name, "value": value}])

allowed(name, value) if count(secret_in_env_literal.deny) == 0 with input as deployment([{"name": name, "value": value}])

test_password_literal_denied if {
	r := secret_in_env_literal.deny with input as deployment([
		{"name": "DB_HOST", "value": "postgres.prod.svc"},
		{"name": "DB_PASSWORD", "value": "s3cr3t-Pa55"},
	])
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0, "env", 1, "value"]
	not contains(f.msg, "s3cr3t")
}

test_common_secret_names_denied if {
	denied("MYSQL_ROOT_PASSWORD", "hunter2")
	denied("JWT_SECRET", "abc123def456")
	denied("GITHUB_TOKEN", "ghp_0123456789abcdefghijklmnopqrstuvwxyz")
	denied("STRIPE_API_KEY", "sk_live_0123456789")
	denied("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
	denied("apiKey", "0123456789abcdef")
	denied("spring.datasource.password", "changeme")
	denied("SMTP_PASS", "mail-pass")
	denied("OAUTH_CLIENT_SECRET", "0a1b2c3d")
	denied("PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----")
}

test_value_from_allowed if {
	count(secret_in_env_literal.deny) == 0 with input as deployment([{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}}])
}

test_empty_value_allowed if allowed("DB_PASSWORD", "")

test_descriptive_names_allowed if {
	allowed("DB_PASSWORD_FILE", "/run/secrets/db-password")
	allowed("TOKEN_URL", "https://auth.example.com/oauth/token")
	allowed("VAULT_SECRET_NAME", "db-credentials")
	allowed("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
	allowed("TOKEN_TTL", "3600")
	allowed("PASSWORD_MIN_LENGTH", "12")
	allowed("TOKENIZER_MODEL", "bert-base")
}

test_non_secret_values_allowed if {
	allowed("ENABLE_TOKEN_AUTH", "true")
	allowed("GOOGLE_APPLICATION_CREDENTIALS", "/var/secrets/google/key.json")
	allowed("DB_PASSWORD", "$(POSTGRES_PASSWORD)")
	allowed("API_TOKEN", "${API_TOKEN}")
	allowed("DB_PASSWORD", "vault:secret/data/db#password")
}

test_unrelated_names_allowed if {
	allowed("LOG_LEVEL", "debug")
	allowed("PWD", "/app")
}

test_pod_init_container_denied if {
	p := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {
		"initContainers": [{"name": "migrate", "env": [{"name": "DATABASE_PASSWORD", "value": "pw"}]}],
		"containers": [{"name": "app"}],
	}}
	r := secret_in_env_literal.deny with input as p
	some f in r
	f.path == ["spec", "initContainers", 0, "env", 0, "value"]
}

test_cronjob_denied if {
	cron := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "job", "env": [{"name": "S3_SECRET_KEY", "value": "abc"}]}]}}}}}}
	count(secret_in_env_literal.deny) == 1 with input as cron
}

test_null_env_ignored if {
	count(secret_in_env_literal.deny) == 0 with input as deployment(null)
}
