package tollgate.terraform.aws.lambda_deprecated_runtime_test

import data.tollgate.terraform.aws.lambda_deprecated_runtime as rule
import rego.v1

fn(runtime) := {"resource": {"aws_lambda_function": {"api": [{"function_name": "api", "handler": "index.handler", "runtime": runtime}]}}}

test_deprecated_warned if {
	r := rule.warn with input as fn("python3.8")
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_lambda_function", "api", 0, "runtime"]
	f.msg == "Lambda function `aws_lambda_function.api` uses the deprecated runtime `python3.8`, which no longer receives security patches"
	count(rule.warn) == 1 with input as fn("nodejs16.x")
	count(rule.warn) == 1 with input as fn("go1.x")
}

test_supported_and_unresolved_allowed if {
	count(rule.warn) == 0 with input as fn("python3.13")
	count(rule.warn) == 0 with input as fn("nodejs22.x")
	count(rule.warn) == 0 with input as fn("provided.al2023")
	count(rule.warn) == 0 with input as fn("java8.al2")
	count(rule.warn) == 0 with input as fn("${var.runtime}")
	count(rule.warn) == 0 with input as {"resource": {"aws_lambda_function": {"api": [{"function_name": "api", "package_type": "Image", "image_uri": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/api:1.0"}]}}}
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_lambda_function.api", "mode": "managed", "type": "aws_lambda_function", "name": "api", "values": {"runtime": "dotnet6"}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "runtime"]
}
