# METADATA
# title: Lambda function URL without authentication
# description: >-
#   A function URL with `authorization_type = "NONE"` lets anyone on the internet invoke the function over
#   HTTPS, without AWS credentials; the function then has to authenticate callers itself, and every call
#   costs money. Use `AWS_IAM` (callers sign requests) unless the endpoint is meant to be public, such as a
#   webhook that verifies signatures.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function_url#authorization_type
# custom:
#   id: TG-AWS-LMB-001
#   severity: high
#   enforcement: warn
#   remediation: |
#     Require IAM-signed requests:
#
#         resource "aws_lambda_function_url" "api" {
#           function_name      = aws_lambda_function.api.function_name
#           authorization_type = "AWS_IAM"
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices Lambda.1
#     - NIST SP 800-53 AC-3, IA-2
#   resource_types: [aws_lambda_function_url]
package tollgate.terraform.aws.lambda_function_url_public

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("Lambda function URL `%s` sets `authorization_type = \"NONE\"`: anyone on the internet can invoke the function", [r.address]),
	"path": array.concat(r.path, ["authorization_type"]),
} if {
	some r in tf.resources_of("aws_lambda_function_url")
	r.body.authorization_type == "NONE"
}
