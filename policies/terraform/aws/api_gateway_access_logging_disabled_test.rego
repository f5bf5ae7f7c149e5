package tollgate.terraform.aws.api_gateway_access_logging_disabled_test

import data.tollgate.terraform.aws.api_gateway_access_logging_disabled as rule
import rego.v1

stage(type, body) := {"resource": {type: {"prod": [object.union({"stage_name": "prod"}, body)]}}}

test_without_logging_warned if {
	r := rule.warn with input as stage("aws_api_gateway_stage", {})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_api_gateway_stage", "prod", 0]
	count(rule.warn) == 1 with input as stage("aws_apigatewayv2_stage", {})
}

test_with_logging_allowed if {
	settings := {"access_log_settings": [{"destination_arn": "${aws_cloudwatch_log_group.api.arn}", "format": "$context.requestId"}]}
	count(rule.warn) == 0 with input as stage("aws_api_gateway_stage", settings)
	count(rule.warn) == 0 with input as stage("aws_apigatewayv2_stage", settings)
	count(rule.warn) == 0 with input as stage("aws_apigatewayv2_stage", {"dynamic": {"access_log_settings": [{"for_each": "${var.access_log_settings}", "content": [{"destination_arn": "${access_log_settings.value.arn}"}]}]}})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{"address": "aws_apigatewayv2_stage.prod", "mode": "managed", "type": "aws_apigatewayv2_stage", "name": "prod", "values": values}]}}}

test_plan if {
	r := rule.warn with input as plan({"access_log_settings": []})
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values"]
}
