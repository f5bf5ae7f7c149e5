# METADATA
# title: SSH open to the internet
# description: >-
#   An ingress rule that admits port 22 from `0.0.0.0/0` or `::/0` exposes SSH to every scanner and
#   brute-force bot on the internet; a single weak key or unpatched sshd becomes a foothold in the VPC.
#   Restrict the source to known ranges or use SSM Session Manager / EC2 Instance Connect Endpoint instead.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13
#   - ref: https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_security_group_ingress_rule
# custom:
#   id: TG-AWS-EC2-001
#   severity: critical
#   enforcement: block
#   remediation: |
#     Allow SSH only from a trusted range (or drop the rule and use SSM Session Manager):
#
#         resource "aws_vpc_security_group_ingress_rule" "ssh" {
#           security_group_id = aws_security_group.bastion.id
#           cidr_ipv4         = "10.20.0.0/16"
#           ip_protocol       = "tcp"
#           from_port         = 22
#           to_port           = 22
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 5.2, 5.3
#     - AWS Foundational Security Best Practices EC2.19
#     - NIST SP 800-53 AC-4, SC-7
#     - PCI DSS 1.3
#   resource_types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule]
package tollgate.terraform.aws.security_group_ssh_open

import data.tollgate.lib.terraform_aws_security_group as sg
import data.tollgate.lib.terraform_aws_security_group.open_ingress
import rego.v1

deny contains {
	"msg": sprintf("%s allows SSH (port 22) from `%s`", [e.what, e.cidr]),
	"path": e.path,
} if {
	some e in open_ingress
	sg.opens(e, 22, {"tcp"})
}
