package tollgate.terraform.aws.ebs_encryption_by_default_disabled_test

import data.tollgate.terraform.aws.ebs_encryption_by_default_disabled as rule
import rego.v1

res(body) := {"resource": {"aws_ebs_encryption_by_default": {"this": [body]}}}

test_disabled_denied if {
	r := rule.deny with input as res({"enabled": false})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_ebs_encryption_by_default", "this", 0, "enabled"]
	count(rule.deny) == 1 with input as res({"enabled": "false"})
}

test_enabled_or_default_allowed if {
	count(rule.deny) == 0 with input as res({"enabled": true})
	count(rule.deny) == 0 with input as res({})
}

test_unresolved_allowed if {
	count(rule.deny) == 0 with input as res({"enabled": "${var.ebs_encryption}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_ebs_encryption_by_default.this", "mode": "managed", "type": "aws_ebs_encryption_by_default", "name": "this", "values": {"enabled": false}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "enabled"]
}
