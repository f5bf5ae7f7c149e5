package tollgate.terraform.aws.ebs_volume_unencrypted_test

import data.tollgate.terraform.aws.ebs_volume_unencrypted as rule
import rego.v1

vol(body) := {"resource": {"aws_ebs_volume": {"data": [object.union({"availability_zone": "eu-west-1a", "size": 100}, body)]}}}

test_missing_encrypted_denied if {
	mod := vol({})
	r := rule.deny with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_ebs_volume", "data", 0]
}

test_false_denied if {
	mod := vol({"encrypted": false})
	r := rule.deny with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_ebs_volume", "data", 0, "encrypted"]
}

test_encrypted_allowed if {
	mod := vol({"encrypted": true})
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
}

test_unresolved_allowed if {
	mod := vol({"encrypted": "${var.encrypt}"})
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
}

test_from_snapshot_allowed if {
	mod := vol({"snapshot_id": "snap-0123456789abcdef0"})
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod
}

test_encryption_by_default_in_module_allowed if {
	count(rule.deny) == 0 with input as vol({})
		with data.tollgate.module as {"resource": object.union(vol({}).resource, {"aws_ebs_encryption_by_default": {"this": [{"enabled": true}]}})}
}

test_encryption_by_default_disabled_denied if {
	count(rule.deny) == 1 with input as vol({})
		with data.tollgate.module as {"resource": object.union(vol({}).resource, {"aws_ebs_encryption_by_default": {"this": [{"enabled": false}]}})}
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_ebs_volume.data",
	"mode": "managed",
	"type": "aws_ebs_volume",
	"name": "data",
	"values": values,
}]}}}

test_plan_false_denied if {
	count(rule.deny) == 1 with input as plan({"availability_zone": "eu-west-1a", "size": 100, "encrypted": false, "snapshot_id": null})
}

test_plan_unknown_allowed if {
	count(rule.deny) == 0 with input as plan({"availability_zone": "eu-west-1a", "size": 100})
}
