# METADATA
# title: API Gateway stage without access logging
# description: >-
#   Access logs record who called which route of an API stage, from where and with what result. Without
#   `access_log_settings` there is no trace of the calls made to the API when investigating abuse or a
#   breach.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-9
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_stage#access_log_settings
# custom:
#   id: TG-AWS-APIGW-001
#   severity: low
#   enforcement: warn
#   remediation: |
#     Send access logs to a CloudWatch log group:
#
#         resource "aws_apigatewayv2_stage" "prod" {
#           api_id      = aws_apigatewayv2_api.app.id
#           name        = "prod"
#           auto_deploy = true
#           access_log_settings {
#             destination_arn = aws_cloudwatch_log_group.api.arn
#             format = jsonencode({
#               requestId = "$context.requestId", ip = "$context.identity.sourceIp",
#               routeKey = "$context.routeKey", status = "$context.status"
#             })
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices APIGateway.9
#     - NIST SP 800-53 AU-2, AU-12
#   resource_types: [aws_api_gateway_stage, aws_apigatewayv2_stage]
package tollgate.terraform.aws.api_gateway_access_logging_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

kind := {"aws_api_gateway_stage": "API Gateway REST API stage", "aws_apigatewayv2_stage": "API Gateway v2 stage"}

warn contains {
	"msg": sprintf("%s `%s` has no `access_log_settings` and does not log API calls", [kind[r.type], r.address]),
	"path": r.path,
} if {
	some type, _ in kind
	some r in tf.resources_of(type)
	no_block(r.body, "access_log_settings")
}

no_block(body, field) if {
	not is_object(input.planned_values)
	not field in object.keys(body)
	not body.dynamic[field]
}

no_block(body, field) if body[field] == []
