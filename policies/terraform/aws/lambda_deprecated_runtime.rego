# METADATA
# title: Lambda function uses a deprecated runtime
# description: >-
#   Once Lambda deprecates a runtime, its language version and operating system receive no more security
#   patches, and AWS later blocks creating and updating functions that use it. Functions on deprecated
#   runtimes run unpatched code and cannot be fixed quickly in an emergency. Move to a supported runtime.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function#runtime
# custom:
#   id: TG-AWS-LMB-003
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Upgrade to a supported runtime of the same language (and test the function on it):
#
#         resource "aws_lambda_function" "api" {
#           # ...
#           runtime = "python3.13"
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices Lambda.2
#     - NIST SP 800-53 SI-2
#   resource_types: [aws_lambda_function]
package tollgate.terraform.aws.lambda_deprecated_runtime

import data.tollgate.lib.terraform as tf
import rego.v1

# Runtimes Lambda has deprecated (no more security patches).
deprecated := {
	"nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x",
	"nodejs16.x", "nodejs18.x",
	"python2.7", "python3.6", "python3.7", "python3.8",
	"ruby2.5", "ruby2.7",
	"java8",
	"go1.x",
	"provided",
	"dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet5.0", "dotnet6", "dotnet7",
}

warn contains {
	"msg": sprintf("Lambda function `%s` uses the deprecated runtime `%s`, which no longer receives security patches", [r.address, r.body.runtime]),
	"path": array.concat(r.path, ["runtime"]),
} if {
	some r in tf.resources_of("aws_lambda_function")
	r.body.runtime in deprecated
}
