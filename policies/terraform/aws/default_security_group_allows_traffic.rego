# METADATA
# title: Default security group allows traffic
# description: >-
#   Resources launched without an explicit security group land in the VPC's default security group. When
#   that group has ingress or egress rules, every such resource silently gets that network access. Keep the
#   default security group empty (an `aws_default_security_group` without rules removes them all) and
#   attach purpose-built security groups instead.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group
# custom:
#   id: TG-AWS-EC2-007
#   severity: medium
#   enforcement: block
#   remediation: |
#     Manage the default security group without any rule, which removes the rules AWS creates:
#
#         resource "aws_default_security_group" "default" {
#           vpc_id = aws_vpc.main.id
#         }
#
#     and give resources their own security groups.
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 5.4
#     - AWS Foundational Security Best Practices EC2.2
#     - NIST SP 800-53 AC-4, SC-7
#   resource_types: [aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule, aws_vpc_security_group_egress_rule]
package tollgate.terraform.aws.default_security_group_allows_traffic

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("Default security group `%s` has an %s rule; the default security group should allow no traffic", [r.address, direction]),
	"path": array.concat(r.path, [direction, i]),
} if {
	some r in tf.resources_of("aws_default_security_group")
	some direction in ["ingress", "egress"]
	some i, _ in blocks(r.body, direction)
}

deny contains {
	"msg": sprintf("Default security group `%s` has a dynamic %s rule; the default security group should allow no traffic", [r.address, direction]),
	"path": array.concat(r.path, ["dynamic", direction, i]),
} if {
	some r in tf.resources_of("aws_default_security_group")
	is_object(r.body.dynamic)
	some direction in ["ingress", "egress"]
	some i, d in blocks(r.body.dynamic, direction)
	generates_rules(d)
}

# Separate rule resources attached to a default security group.
deny contains {
	"msg": sprintf("Security group rule `%s` adds a rule to a default security group, which should allow no traffic", [r.address]),
	"path": array.concat(r.path, ["security_group_id"]),
} if {
	some type in ["aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"]
	some r in tf.resources_of(type)
	default_group(r.body.security_group_id)
}

default_group(ref) if {
	is_string(ref)
	regex.match(`(^|[^A-Za-z0-9_.-])(aws_default_security_group\.[A-Za-z0-9_-]+[.\[]|aws_vpc\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.default_security_group_id)`, ref)
}

# A dynamic block whose `for_each` is known and not empty (an unresolved `for_each`, such as a module
# variable without a default, is not judged; terraform-aws-modules/vpc defaults it to `[]`).
generates_rules(d) if {
	is_array(d.for_each)
	count(d.for_each) > 0
}

generates_rules(d) if {
	is_object(d.for_each)
	count(d.for_each) > 0
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
