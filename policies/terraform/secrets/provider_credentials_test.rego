package tollgate.terraform.secrets.provider_credentials_test

import data.tollgate.terraform.secrets.provider_credentials as rule
import rego.v1

provider(name, body) := {"provider": {name: [body]}}

test_aws_keys_denied if {
	r := rule.deny with input as provider("aws", {"region": "eu-west-1", "access_key": "AKIAIOSFODNN7EXAMPLE", "secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"})
	{f.path | some f in r} == {["provider", "aws", 0, "access_key"], ["provider", "aws", 0, "secret_key"]}
	some f in r
	f.msg == "Provider `aws` sets `secret_key` to a literal credential (`wJal****`)"
	not contains(f.msg, "wJalrXUtnFEMI")
}

test_other_providers_and_nested_blocks_denied if {
	count(rule.deny) == 1 with input as provider("azurerm", {"features": [{}], "client_id": "00000000-0000-0000-0000-000000000000", "client_secret": "fake-client-secret-value"})
	r := rule.deny with input as provider("helm", {"kubernetes": [{"host": "https://k8s.example.com", "token": "fake-bearer-token-value"}]})
	{f.path | some f in r} == {["provider", "helm", 0, "kubernetes", 0, "token"]}
	count(rule.deny) == 1 with input as provider("postgresql", {"host": "db", "username": "admin", "password": "hunter2"})
}

test_alias_in_message if {
	r := rule.deny with input as {"provider": {"aws": [{"region": "eu-west-1"}, {"alias": "us", "region": "us-east-1", "token": "FwoGZXIvYXdzEFAKEsessiontoken"}]}}
	some f in r
	f.path == ["provider", "aws", 1, "token"]
	f.msg == "Provider `aws` (alias `us`) sets `token` to a literal credential (`FwoG****`)"
}

test_references_and_placeholders_allowed if {
	count(rule.deny) == 0 with input as provider("aws", {"access_key": "${var.aws_access_key}", "secret_key": "${data.vault_generic_secret.aws.data[\"secret_key\"]}"})
	count(rule.deny) == 0 with input as provider("github", {"owner": "acme", "token": ""})
	count(rule.deny) == 0 with input as provider("vault", {"address": "https://vault.example.com", "token": "changeme"})
	count(rule.deny) == 0 with input as provider("aws", {"region": "eu-west-1", "profile": "prod", "shared_credentials_files": ["~/.aws/credentials"]})
}

test_google_credentials if {
	count(rule.deny) == 0 with input as provider("google", {"credentials": "account.json", "project": "acme"})
	count(rule.deny) == 0 with input as provider("google", {"credentials": "${file(\"account.json\")}"})
	count(rule.deny) == 1 with input as provider("google", {"credentials": "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nfake\\n\"}"})
}

test_plan_constant_values if {
	plan := {"configuration": {"provider_config": {
		"aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}, "access_key": {"constant_value": "AKIAIOSFODNN7EXAMPLE"}}},
		"aws.ci": {"name": "aws", "alias": "ci", "expressions": {"access_key": {"references": ["var.access_key"]}}},
		"helm": {"name": "helm", "expressions": {"kubernetes": [{"token": {"constant_value": "fake-bearer-token-value"}}]}},
	}}}
	r := rule.deny with input as plan
	{f.path | some f in r} == {
		["configuration", "provider_config", "aws", "expressions", "access_key", "constant_value"],
		["configuration", "provider_config", "helm", "expressions", "kubernetes", 0, "token", "constant_value"],
	}
}
