# METADATA
# title: API Gateway route or method without authorization
# description: >-
#   A REST API method with `authorization = "NONE"` and no API key, or an HTTP API route without an
#   `authorization_type`, can be called by anyone who knows the URL; the back end then has to authenticate
#   every request itself. Public endpoints exist (health checks, login, webhooks), hence a warning: attach
#   an IAM, Cognito, JWT or Lambda authorizer to everything else. CORS preflight (`OPTIONS`) is skipped.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-8
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_route#authorization_type
# custom:
#   id: TG-AWS-APIGW-002
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Require an authorizer:
#
#         resource "aws_apigatewayv2_route" "orders" {
#           api_id             = aws_apigatewayv2_api.app.id
#           route_key          = "GET /orders"
#           target             = "integrations/${aws_apigatewayv2_integration.orders.id}"
#           authorization_type = "JWT"
#           authorizer_id      = aws_apigatewayv2_authorizer.cognito.id
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices APIGateway.8
#     - NIST SP 800-53 AC-3, IA-2
#   resource_types: [aws_api_gateway_method, aws_apigatewayv2_route]
package tollgate.terraform.aws.api_gateway_method_no_auth

import data.tollgate.lib.terraform as tf
import rego.v1

# REST API methods: `authorization` is required; NONE without an API key is open.
warn contains {
	"msg": sprintf("API Gateway method `%s` (%s) has `authorization = \"NONE\"` and no API key: anyone can call it", [r.address, r.body.http_method]),
	"path": array.concat(r.path, ["authorization"]),
} if {
	some r in tf.resources_of("aws_api_gateway_method")
	r.body.authorization == "NONE"
	is_string(r.body.http_method)
	r.body.http_method != "OPTIONS"
	not tf.is_true(r.body.api_key_required)
	tf.is_known(r.body.http_method)
}

# HTTP API routes (`METHOD /path`; WebSocket routes only take authorizers on $connect).
warn contains {
	"msg": sprintf("API Gateway route `%s` (`%s`) sets `authorization_type = \"NONE\"`: anyone can call it", [r.address, r.body.route_key]),
	"path": array.concat(r.path, ["authorization_type"]),
} if {
	some r in http_routes
	r.body.authorization_type == "NONE"
	not tf.is_true(r.body.api_key_required)
}

warn contains {
	"msg": sprintf("API Gateway route `%s` (`%s`) has no `authorization_type` (default NONE): anyone can call it", [r.address, r.body.route_key]),
	"path": r.path,
} if {
	some r in http_routes
	unset(r.body, "authorization_type")
	not tf.is_true(r.body.api_key_required)
}

http_routes := [r |
	some r in tf.resources_of("aws_apigatewayv2_route")
	is_string(r.body.route_key)
	regex.match(`^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD) /`, r.body.route_key)
]

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
}
