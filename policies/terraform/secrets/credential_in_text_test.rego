package tollgate.terraform.secrets.credential_in_text_test

import data.tollgate.terraform.secrets.credential_in_text as rule
import rego.v1

resource(type, body) := {"resource": {type: {"main": [body]}}}

fake_github := concat("", ["ghp_", "0123456789abcdefghijABCDEFGHIJ012345"])

fake_pem := "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAfakeFAKEfakeFAKEfakeFAKE\n-----END OPENSSH PRIVATE KEY-----\n"

test_user_data_heredoc_denied if {
	r := rule.deny with input as resource("aws_instance", {"ami": "ami-0123456789abcdef0", "user_data": "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_instance", "main", 0, "user_data"]
	f.msg == "Resource `aws_instance.main` has an AWS access key ID (`AKIA****`) in `user_data`"
}

test_nested_values_denied if {
	r := rule.deny with input as resource("aws_lambda_function", {"function_name": "f", "environment": [{"variables": {"GITHUB_TOKEN": fake_github}}]})
	some f in r
	f.path == ["resource", "aws_lambda_function", "main", 0, "environment", 0, "variables", "GITHUB_TOKEN"]
	f.msg == "Resource `aws_lambda_function.main` has a GitHub token (`ghp_****`) in `environment[0].variables.GITHUB_TOKEN`"
	not contains(f.msg, fake_github)
}

test_json_encoded_container_definitions_denied if {
	defs := json.marshal([{"name": "app", "environment": [{"name": "DEPLOY_KEY", "value": fake_pem}]}])
	r := rule.deny with input as resource("aws_ecs_task_definition", {"family": "app", "container_definitions": defs})
	some f in r
	f.path == ["resource", "aws_ecs_task_definition", "main", 0, "container_definitions"]
	contains(f.msg, "a private key (`-----BEGIN OPENSSH PRIVATE KEY-----`)")
}

test_clean_values_allowed if {
	count(rule.deny) == 0 with input as resource("aws_instance", {"user_data": "#!/bin/bash\naws s3 cp s3://acme-config/app.env /etc/app.env\n"})
	count(rule.deny) == 0 with input as resource("aws_lambda_function", {"environment": [{"variables": {"TOKEN": "${var.token}", "KEY_ID": "AKIA${var.suffix}"}}]})
	count(rule.deny) == 0 with input as resource("aws_s3_bucket", {"bucket": "x", "tags": {"key": "AKIAIOSFODNN7EXAMPLE"}})
}

test_secure_string_left_to_literal_rule if {
	count(rule.deny) == 0 with input as resource("aws_ssm_parameter", {"type": "SecureString", "value": "AKIAIOSFODNN7EXAMPLE"})
	count(rule.deny) == 1 with input as resource("aws_ssm_parameter", {"type": "String", "value": "AKIAIOSFODNN7EXAMPLE"})
}

test_plan_values_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_compute_instance.ci",
		"mode": "managed",
		"type": "google_compute_instance",
		"name": "ci",
		"values": {"metadata_startup_script": "echo xoxb-000000000000-0000000000000-FAKEfakeFAKEfakeFAKEfake > /etc/slack"},
	}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "metadata_startup_script"]
	contains(f.msg, "a Slack token (`xoxb****`)")
}
