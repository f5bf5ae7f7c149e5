# METADATA
# title: All ports open to the internet
# description: >-
#   An ingress rule allowing every protocol (`-1`) or the whole port range 0-65535 from `0.0.0.0/0` or `::/0`
#   exposes every service on the attached instances, including databases, admin consoles and debug ports that
#   were never meant to be reachable. Open only the ports the service needs.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group
# custom:
#   id: TG-AWS-EC2-003
#   severity: high
#   enforcement: block
#   remediation: |
#     Replace the catch-all rule with one rule per port the service serves:
#
#         resource "aws_vpc_security_group_ingress_rule" "https" {
#           security_group_id = aws_security_group.web.id
#           cidr_ipv4         = "0.0.0.0/0"
#           ip_protocol       = "tcp"
#           from_port         = 443
#           to_port           = 443
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 5.2, 5.3
#     - AWS Foundational Security Best Practices EC2.18, EC2.19
#     - NIST SP 800-53 AC-4, SC-7
#     - PCI DSS 1.3
#   resource_types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule]
package tollgate.terraform.aws.security_group_all_ports_open

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_aws_security_group as sg
import data.tollgate.lib.terraform_aws_security_group.open_ingress
import rego.v1

deny contains {
	"msg": sprintf("%s allows all traffic (protocol `-1`) from `%s`", [e.what, e.cidr]),
	"path": e.path,
} if {
	some e in open_ingress
	sg.all_traffic(e)
}

deny contains {
	"msg": sprintf("%s allows every %s port (%v-%v) from `%s`", [e.what, upper(sg.protocol_name(e.protocol)), e.from, e.to, e.cidr]),
	"path": e.path,
} if {
	some e in open_ingress
	sg.protocol_name(e.protocol)
	tf.to_num(e.from) <= 1
	tf.to_num(e.to) >= 65535
}
