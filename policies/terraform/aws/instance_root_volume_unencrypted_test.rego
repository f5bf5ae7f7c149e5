package tollgate.terraform.aws.instance_root_volume_unencrypted_test

import data.tollgate.terraform.aws.instance_root_volume_unencrypted as rule
import rego.v1

instance(body) := {"resource": {"aws_instance": {"web": [object.union({"ami": "ami-0123456789abcdef0", "instance_type": "t3.micro"}, body)]}}}

test_no_root_block_device_warned if {
	mod := instance({})
	r := rule.warn with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_instance", "web", 0]
}

test_root_block_device_without_encrypted_warned if {
	mod := instance({"root_block_device": [{"volume_size": 30}]})
	r := rule.warn with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_instance", "web", 0, "root_block_device", 0]
}

test_root_block_device_false_and_ebs_missing_warned if {
	mod := instance({"root_block_device": [{"encrypted": false}], "ebs_block_device": [{"device_name": "/dev/sdf", "volume_size": 100}]})
	r := rule.warn with input as mod with data.tollgate.module as mod
	paths := {f.path | some f in r}
	paths == {
		["resource", "aws_instance", "web", 0, "root_block_device", 0, "encrypted"],
		["resource", "aws_instance", "web", 0, "ebs_block_device", 0],
	}
}

test_encrypted_allowed if {
	mod := instance({"root_block_device": [{"encrypted": true}], "ebs_block_device": [{"device_name": "/dev/sdf", "encrypted": true}]})
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod
}

test_unresolved_and_snapshot_allowed if {
	mod := instance({"root_block_device": [{"encrypted": "${var.encrypt}"}], "ebs_block_device": [{"device_name": "/dev/sdf", "snapshot_id": "snap-0123456789abcdef0"}]})
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod
}

test_instance_from_launch_template_allowed if {
	mod := instance({"launch_template": [{"id": "${aws_launch_template.web.id}"}]})
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod
}

test_encryption_by_default_allowed if {
	count(rule.warn) == 0 with input as instance({})
		with data.tollgate.module as {"resource": object.union(instance({}).resource, {"aws_ebs_encryption_by_default": {"this": [{}]}})}
}

template(ebs) := {"resource": {"aws_launch_template": {"web": [{"block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [ebs]}]}]}}}

test_launch_template_string_false_warned if {
	mod := template({"volume_size": 30, "encrypted": "false"})
	r := rule.warn with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_launch_template", "web", 0, "block_device_mappings", 0, "ebs", 0, "encrypted"]
}

test_launch_template_missing_warned if {
	mod := template({"volume_size": 30})
	r := rule.warn with input as mod with data.tollgate.module as mod
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_launch_template", "web", 0, "block_device_mappings", 0, "ebs", 0]
}

test_launch_template_encrypted_allowed if {
	mod := template({"volume_size": 30, "encrypted": "true"})
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod
}

test_launch_template_without_mappings_allowed if {
	mod := {"resource": {"aws_launch_template": {"web": [{"image_id": "ami-0123456789abcdef0"}]}}}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_instance.web",
	"mode": "managed",
	"type": "aws_instance",
	"name": "web",
	"values": values,
}]}}}

test_plan_root_false_warned if {
	r := rule.warn with input as plan({"ami": "ami-0123456789abcdef0", "root_block_device": [{"encrypted": false, "volume_size": 8}], "ebs_block_device": []})
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "root_block_device", 0, "encrypted"]
}

test_plan_unknown_allowed if {
	count(rule.warn) == 0 with input as plan({"ami": "ami-0123456789abcdef0", "root_block_device": [{"volume_size": 8}]})
	count(rule.warn) == 0 with input as plan({"ami": "ami-0123456789abcdef0"})
}
