# METADATA
# title: EC2 instance volumes not encrypted
# description: >-
#   The root and data volumes of an instance (or of the instances a launch template or launch configuration
#   starts) hold the OS, application secrets and data; unencrypted, they and their snapshots are readable by
#   anyone who gets a copy. Not flagged when the module enables EBS encryption by default
#   (`aws_ebs_encryption_by_default`), or for volumes restored from a snapshot, which keep its encryption.
# related_resources:
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#ebs-ebs_block_device-and-root_block_device
# custom:
#   id: TG-AWS-EC2-005
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Encrypt the volumes (or enable `aws_ebs_encryption_by_default` for the account and region):
#
#         resource "aws_instance" "web" {
#           # ...
#           root_block_device {
#             volume_type = "gp3"
#             encrypted   = true
#           }
#         }
#
#         # launch templates
#         block_device_mappings {
#           device_name = "/dev/xvda"
#           ebs {
#             volume_size = 30
#             encrypted   = true
#           }
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 2.2.1
#     - AWS Foundational Security Best Practices EC2.3
#     - NIST SP 800-53 SC-28
#   resource_types: [aws_instance, aws_launch_template, aws_launch_configuration]
package tollgate.terraform.aws.instance_root_volume_unencrypted

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import rego.v1

instance_types := ["aws_instance", "aws_launch_configuration"]

kind := {"aws_instance": "EC2 instance", "aws_launch_configuration": "Launch configuration", "aws_launch_template": "Launch template"}

# root_block_device / ebs_block_device with `encrypted = false`.
warn contains {
	"msg": sprintf("%s `%s` sets `encrypted = false` on its %s", [kind[r.type], r.address, device_kind[field]]),
	"path": array.concat(r.path, [field, i, "encrypted"]),
} if {
	some type in instance_types
	some r in tf.resources_of(type)
	some field in ["root_block_device", "ebs_block_device"]
	some i, dev in blocks(r.body, field)
	tf.is_false(dev.encrypted)
	not encryption_by_default
}

# root_block_device / ebs_block_device without `encrypted`.
warn contains {
	"msg": sprintf("%s `%s` does not encrypt its %s", [kind[r.type], r.address, device_kind[field]]),
	"path": array.concat(r.path, [field, i]),
} if {
	some type in instance_types
	some r in tf.resources_of(type)
	some field in ["root_block_device", "ebs_block_device"]
	some i, dev in blocks(r.body, field)
	unset(dev, "encrypted")
	not from_snapshot(dev)
	not encryption_by_default
}

# No root_block_device at all: the root volume is created unencrypted (configuration only: a plan omits the
# block while it is unknown).
warn contains {
	"msg": sprintf("%s `%s` does not encrypt its root volume (no `root_block_device` with `encrypted = true`)", [kind[r.type], r.address]),
	"path": r.path,
} if {
	not is_object(input.planned_values)
	some type in instance_types
	some r in tf.resources_of(type)
	count(blocks(r.body, "root_block_device")) == 0
	not r.body.dynamic.root_block_device
	not uses_launch_template(r.body)
	not encryption_by_default
}

# Launch template block_device_mappings.
warn contains {
	"msg": sprintf("Launch template `%s` sets `encrypted = false` for device %s", [r.address, device_name(m)]),
	"path": array.concat(r.path, ["block_device_mappings", i, "ebs", j, "encrypted"]),
} if {
	some r in tf.resources_of("aws_launch_template")
	some i, m in blocks(r.body, "block_device_mappings")
	some j, ebs in blocks(m, "ebs")
	tf.is_false(ebs.encrypted)
	not encryption_by_default
}

warn contains {
	"msg": sprintf("Launch template `%s` does not encrypt device %s", [r.address, device_name(m)]),
	"path": array.concat(r.path, ["block_device_mappings", i, "ebs", j]),
} if {
	some r in tf.resources_of("aws_launch_template")
	some i, m in blocks(r.body, "block_device_mappings")
	some j, ebs in blocks(m, "ebs")
	unset(ebs, "encrypted")
	not from_snapshot(ebs)
	not encryption_by_default
}

device_kind := {"root_block_device": "root volume", "ebs_block_device": "EBS block device"}

device_name(m) := sprintf("`%s`", [m.device_name]) if is_string(m.device_name)

device_name(m) := "(unnamed)" if not is_string(m.device_name)

uses_launch_template(body) if count(blocks(body, "launch_template")) > 0

encryption_by_default if {
	some e in tfm.module_resources_of("aws_ebs_encryption_by_default")
	not tf.is_false(e.body.enabled)
}

from_snapshot(dev) if {
	v := dev.snapshot_id
	v != null
	v != ""
}

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
