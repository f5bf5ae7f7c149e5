# METADATA
# title: Instance metadata service v1 allowed (IMDSv2 not required)
# description: >-
#   With `http_tokens = "optional"` (the default) the instance metadata service answers plain GET requests
#   (IMDSv1), so a server-side request forgery or open proxy in any application on the instance can read the
#   instance role's credentials. Requiring IMDSv2 session tokens blocks that class of attack.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-8
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#metadata-options
# custom:
#   id: TG-AWS-EC2-006
#   severity: high
#   enforcement: block
#   remediation: |
#     Require IMDSv2 tokens (keep the hop limit at 1, or 2 for containers that need the metadata service):
#
#         metadata_options {
#           http_endpoint               = "enabled"
#           http_tokens                 = "required"
#           http_put_response_hop_limit = 1
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices EC2.8, AutoScaling.3
#     - CIS AWS Foundations Benchmark v3.0.0 5.6
#     - NIST SP 800-53 AC-3, SC-7
#   resource_types: [aws_instance, aws_launch_template]
package tollgate.terraform.aws.imdsv2_not_required

import data.tollgate.lib.terraform as tf
import rego.v1

kind := {"aws_instance": "EC2 instance", "aws_launch_template": "Launch template"}

# http_tokens set to something else than "required".
deny contains {
	"msg": sprintf("%s `%s` sets `http_tokens = \"%s\"`, allowing IMDSv1", [kind[r.type], r.address, m.http_tokens]),
	"path": array.concat(r.path, ["metadata_options", i, "http_tokens"]),
} if {
	some r in resources
	some i, m in blocks(r.body, "metadata_options")
	not endpoint_disabled(m)
	is_string(m.http_tokens)
	tf.is_known(m.http_tokens)
	m.http_tokens != "required"
}

# metadata_options without http_tokens.
deny contains {
	"msg": sprintf("%s `%s` does not set `http_tokens = \"required\"` in `metadata_options` (default optional)", [kind[r.type], r.address]),
	"path": array.concat(r.path, ["metadata_options", i]),
} if {
	some r in resources
	some i, m in blocks(r.body, "metadata_options")
	not endpoint_disabled(m)
	unset(m, "http_tokens")
}

# No metadata_options at all (configuration only: a plan omits the block while it is unknown).
deny contains {
	"msg": sprintf("%s `%s` has no `metadata_options` requiring IMDSv2 (`http_tokens = \"required\"`)", [kind[r.type], r.address]),
	"path": r.path,
} if {
	not is_object(input.planned_values)
	some r in resources
	count(blocks(r.body, "metadata_options")) == 0
	not r.body.dynamic.metadata_options
	not uses_launch_template(r)
}

resources := array.concat(tf.resources_of("aws_instance"), tf.resources_of("aws_launch_template"))

endpoint_disabled(m) if m.http_endpoint == "disabled"

# An instance launched from a template takes the template's metadata options.
uses_launch_template(r) if {
	r.type == "aws_instance"
	count(blocks(r.body, "launch_template")) > 0
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
