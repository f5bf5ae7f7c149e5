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
import rego.v1

warn contains {
	"msg": sprintf("VPC `%s` has no flow log (`aws_flow_log` with `vpc_id` set to it)", [v.address]),
	"path": v.path,
} if {
	some v in tf.resources_of("aws_vpc")
	not covered(v)
}

# A flow log whose `vpc_id` refers to the VPC, or names no VPC of the module (a variable, a module
# output) and may be this one; plan input: the references its configuration records, or the VPC's id.
# Looked up in the module's index, not by scanning its flow logs.
covered(v) if tfm.linked("aws_flow_log", "vpc_id", v, "id")

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
