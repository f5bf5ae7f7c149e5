# METADATA
# title: VPC without flow logs
# description: >-
#   VPC flow logs record the accepted and rejected connections of the network interfaces in a VPC. Without
#   them there is no record of which hosts talked to which during an incident, and no data for detecting
#   scanning or exfiltration. Flow logs are off unless an `aws_flow_log` is created for the VPC.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-6
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/flow_log
# custom:
#   id: TG-AWS-EC2-008
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Create a flow log for the VPC (here to S3; CloudWatch Logs works too):
#
#         resource "aws_flow_log" "main" {
#           vpc_id               = aws_vpc.main.id
#           traffic_type         = "ALL"
#           log_destination_type = "s3"
#           log_destination      = aws_s3_bucket.flow_logs.arn
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 3.7
#     - AWS Foundational Security Best Practices EC2.6
#     - NIST SP 800-53 AU-2, AU-12, SI-4
#   resource_types: [aws_vpc]
package tollgate.terraform.aws.vpc_flow_logs_disabled

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import data.tollgate.lib.terraform_module.plan_references
import rego.v1

warn contains {
	"msg": sprintf("VPC `%s` has no flow log (`aws_flow_log` with `vpc_id` set to it)", [v.address]),
	"path": v.path,
} if {
	some v in tf.resources_of("aws_vpc")
	not covered(v)
}

# The module's flow logs, indexed once: the VPCs their `vpc_id` refers to, and whether one names no
# VPC resource at all (`var.vpc_id`, a module output: it may be any VPC, which gets the benefit of the doubt).
covered(v) if v.address in flow_log_targets.addresses

covered(_) if flow_log_targets.any

# A call of a flow log module of the module, passed the VPC.
covered(v) if {
	calls := object.get(data.tollgate.module, "module", {})
	is_object(calls)
	some name, bodies in calls
	is_array(bodies)
	some body in bodies
	is_object(body)
	flow_log_module(name, body)
	some value in body
	tf.references(value, v.address)
}

flow_log_module(name, _) if regex.match(`(?i)flow.?logs?`, name)

flow_log_module(_, body) if {
	is_string(body.source)
	regex.match(`(?i)flow.?logs?`, body.source)
}

# Plan input: references kept in the `configuration` section, or literal VPC ids.
covered(v) if {
	is_object(input.planned_values)
	some f in flow_logs
	logs(f, v)
}

flow_log_targets := {
	"addresses": {a | some f in flow_logs; some a in vpc_references(f.body.vpc_id)},
	"any": count([f | some f in flow_logs; tf.is_unknown(f.body.vpc_id); not contains(f.body.vpc_id, "aws_vpc.")]) > 0,
}

flow_logs := tfm.module_resources_of("aws_flow_log")

# `aws_vpc.<name>` addresses an expression refers to (`aws_vpc.main.id`, `aws_vpc.this[0].id`, inside
# `try()` and conditionals too), as `tf.references` reads them.
vpc_references(v) := {sprintf("aws_vpc.%s", [m[1]]) |
	some m in regex.find_all_string_submatch_n(`(?:^|[^A-Za-z0-9_.-])aws_vpc\.([A-Za-z0-9_-]+)[.\[]`, v, -1)
} if is_string(v)

vpc_references(v) := set() if not is_string(v)

# Plan input: the `configuration` section keeps the references of the `vpc_id` expression.
logs(f, v) if {
	some [address, "vpc_id", ref] in plan_references
	address == local_address(f.address)
	refers_to(ref, local_address(v.address))
}

# Plan input: a literal VPC id, known when the VPC already exists.
logs(f, v) if {
	is_string(v.body.id)
	f.body.vpc_id == v.body.id
}

refers_to(ref, address) if ref == address

refers_to(ref, address) if startswith(ref, sprintf("%s.", [address]))

# `module.x.aws_vpc.b["k"]` -> `aws_vpc.b`, the address used inside its module's configuration.
local_address(address) := concat(".", array.slice(parts, count(parts) - 2, count(parts))) if {
	parts := split(regex.replace(address, `\[[^\]]*\]`, ""), ".")
}
