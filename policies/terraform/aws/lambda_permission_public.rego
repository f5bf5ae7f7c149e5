# METADATA
# title: Lambda permission lets any principal invoke the function
# description: >-
#   An `aws_lambda_permission` with `principal = "*"` and neither `source_arn`, `source_account` nor
#   `principal_org_id` adds a statement to the function's resource policy that lets any AWS account invoke
#   (or otherwise act on) the function. Name the calling service and its source resource instead. (The
#   permission that a public function URL needs is TG-AWS-LMB-001's concern.)
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_permission
# custom:
#   id: TG-AWS-LMB-002
#   severity: high
#   enforcement: block
#   remediation: |
#     Grant the permission to the calling service, for its source resource:
#
#         resource "aws_lambda_permission" "from_bucket" {
#           statement_id  = "AllowS3Invoke"
#           action        = "lambda:InvokeFunction"
#           function_name = aws_lambda_function.thumbnailer.function_name
#           principal     = "s3.amazonaws.com"
#           source_arn    = aws_s3_bucket.uploads.arn
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices Lambda.1
#     - NIST SP 800-53 AC-3, AC-21
#   resource_types: [aws_lambda_permission]
package tollgate.terraform.aws.lambda_permission_public

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("Lambda permission `%s` allows any principal (`*`) to call `%s` on the function, with no source restriction", [r.address, object.get(r.body, "action", "lambda:InvokeFunction")]),
	"path": array.concat(r.path, ["principal"]),
} if {
	some r in tf.resources_of("aws_lambda_permission")
	r.body.principal == "*"
	every attr in ["source_arn", "source_account", "principal_org_id"] {
		absent(r.body, attr)
	}
	not function_url_permission(r.body)
}

# The permissions of a public function URL (`function_url_auth_type = "NONE"`, or the
# `lambda:InvokeFunction` companion restricted with `invoked_via_function_url`).
function_url_permission(body) if {
	not absent(body, "function_url_auth_type")
}

function_url_permission(body) if tf.is_true(body.invoked_via_function_url)

absent(body, key) if not key in object.keys(body)

absent(body, key) if body[key] in {null, ""}
