package tollgate.terraform.aws.efs_unencrypted_test

import data.tollgate.terraform.aws.efs_unencrypted as rule
import rego.v1

fs(body) := {"resource": {"aws_efs_file_system": {"shared": [object.union({"creation_token": "shared"}, body)]}}}

test_missing_denied if {
	r := rule.deny with input as fs({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_efs_file_system", "shared", 0]
}

test_false_denied if {
	r := rule.deny with input as fs({"encrypted": false})
	some f in r
	f.path == ["resource", "aws_efs_file_system", "shared", 0, "encrypted"]
}

test_encrypted_allowed if {
	count(rule.deny) == 0 with input as fs({"encrypted": true})
	count(rule.deny) == 0 with input as fs({"encrypted": "${var.encrypted}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_efs_file_system.shared", "mode": "managed", "type": "aws_efs_file_system", "name": "shared", "values": {"encrypted": false}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "encrypted"]
}
