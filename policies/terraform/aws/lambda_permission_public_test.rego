package tollgate.terraform.aws.lambda_permission_public_test

import data.tollgate.terraform.aws.lambda_permission_public as rule
import rego.v1

perm(body) := {"resource": {"aws_lambda_permission": {"invoke": [object.union({"statement_id": "Invoke", "action": "lambda:InvokeFunction", "function_name": "${aws_lambda_function.app.function_name}"}, body)]}}}

test_public_principal_denied if {
	r := rule.deny with input as perm({"principal": "*"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_lambda_permission", "invoke", 0, "principal"]
	f.msg == "Lambda permission `aws_lambda_permission.invoke` allows any principal (`*`) to call `lambda:InvokeFunction` on the function, with no source restriction"
}

test_restricted_allowed if {
	count(rule.deny) == 0 with input as perm({"principal": "*", "source_account": "111122223333"})
	count(rule.deny) == 0 with input as perm({"principal": "*", "principal_org_id": "o-a1b2c3d4e5"})
	count(rule.deny) == 0 with input as perm({"principal": "*", "source_arn": "${aws_s3_bucket.uploads.arn}"})
	count(rule.deny) == 0 with input as perm({"principal": "s3.amazonaws.com", "source_arn": "${aws_s3_bucket.uploads.arn}"})
	count(rule.deny) == 0 with input as perm({"principal": "${var.principal}"})
}

test_function_url_permissions_allowed if {
	count(rule.deny) == 0 with input as perm({"principal": "*", "action": "lambda:InvokeFunctionUrl", "function_url_auth_type": "NONE"})
	count(rule.deny) == 0 with input as perm({"principal": "*", "invoked_via_function_url": true})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_lambda_permission.invoke", "mode": "managed", "type": "aws_lambda_permission", "name": "invoke", "values": {"action": "lambda:InvokeFunction", "principal": "*", "source_arn": null, "source_account": null, "principal_org_id": null, "function_url_auth_type": null}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "principal"]
}
