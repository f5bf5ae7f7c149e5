package tollgate.terraform.aws.lambda_function_url_public_test

import data.tollgate.terraform.aws.lambda_function_url_public as rule
import rego.v1

url(auth) := {"resource": {"aws_lambda_function_url": {"api": [{"function_name": "${aws_lambda_function.api.function_name}", "authorization_type": auth}]}}}

test_none_warned if {
	r := rule.warn with input as url("NONE")
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_lambda_function_url", "api", 0, "authorization_type"]
}

test_iam_and_unresolved_allowed if {
	count(rule.warn) == 0 with input as url("AWS_IAM")
	count(rule.warn) == 0 with input as url("${var.authorization_type}")
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_lambda_function_url.api", "mode": "managed", "type": "aws_lambda_function_url", "name": "api", "values": {"authorization_type": "NONE"}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "authorization_type"]
}
