package tollgate.terraform.aws.api_gateway_method_no_auth_test

import data.tollgate.terraform.aws.api_gateway_method_no_auth as rule
import rego.v1

method(body) := {"resource": {"aws_api_gateway_method": {"orders": [object.union({"rest_api_id": "${aws_api_gateway_rest_api.app.id}", "resource_id": "${aws_api_gateway_resource.orders.id}", "http_method": "GET"}, body)]}}}

route(body) := {"resource": {"aws_apigatewayv2_route": {"orders": [object.union({"api_id": "${aws_apigatewayv2_api.app.id}", "route_key": "GET /orders"}, body)]}}}

test_rest_method_without_auth_warned if {
	r := rule.warn with input as method({"authorization": "NONE"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_api_gateway_method", "orders", 0, "authorization"]
	f.msg == "API Gateway method `aws_api_gateway_method.orders` (GET) has `authorization = \"NONE\"` and no API key: anyone can call it"
}

test_rest_method_allowed if {
	count(rule.warn) == 0 with input as method({"authorization": "COGNITO_USER_POOLS", "authorizer_id": "${aws_api_gateway_authorizer.cognito.id}"})
	count(rule.warn) == 0 with input as method({"authorization": "NONE", "api_key_required": true})
	count(rule.warn) == 0 with input as method({"authorization": "NONE", "http_method": "OPTIONS"})
	count(rule.warn) == 0 with input as method({"authorization": "${var.authorization}"})
}

test_http_route_without_auth_warned if {
	r := rule.warn with input as route({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_apigatewayv2_route", "orders", 0]
	r2 := rule.warn with input as route({"authorization_type": "NONE"})
	some f2 in r2
	f2.path == ["resource", "aws_apigatewayv2_route", "orders", 0, "authorization_type"]
}

test_http_route_allowed if {
	count(rule.warn) == 0 with input as route({"authorization_type": "JWT", "authorizer_id": "${aws_apigatewayv2_authorizer.jwt.id}"})
	count(rule.warn) == 0 with input as route({"authorization_type": "AWS_IAM"})
	count(rule.warn) == 0 with input as route({"route_key": "OPTIONS /orders"})
	count(rule.warn) == 0 with input as route({"route_key": "$disconnect"})
	count(rule.warn) == 0 with input as route({"route_key": "sendMessage"})
	count(rule.warn) == 0 with input as route({"route_key": "${var.route_key}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_apigatewayv2_route.orders", "mode": "managed", "type": "aws_apigatewayv2_route", "name": "orders", "values": {"route_key": "POST /orders", "authorization_type": "NONE"}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "authorization_type"]
}
