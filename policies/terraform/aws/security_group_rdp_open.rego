# METADATA
# title: RDP open to the internet
# description: >-
#   An ingress rule that admits port 3389 from `0.0.0.0/0` or `::/0` exposes Windows Remote Desktop to the
#   whole internet; RDP is one of the most brute-forced services and a recurring ransomware entry point.
#   Restrict the source to known ranges or reach the hosts through SSM Session Manager or a VPN.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-14
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-rules-reference.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group
# custom:
#   id: TG-AWS-EC2-002
#   severity: critical
#   enforcement: block
#   remediation: |
#     Allow RDP only from a trusted range (or drop the rule and use SSM Session Manager port forwarding):
#
#         ingress {
#           description = "RDP from the corporate VPN"
#           from_port   = 3389
#           to_port     = 3389
#           protocol    = "tcp"
#           cidr_blocks = ["10.20.0.0/16"]
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 5.2, 5.3
#     - AWS Foundational Security Best Practices EC2.19
#     - NIST SP 800-53 AC-4, SC-7
#     - PCI DSS 1.3
#   resource_types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule]
package tollgate.terraform.aws.security_group_rdp_open

import data.tollgate.lib.terraform_aws_security_group as sg
import data.tollgate.lib.terraform_aws_security_group.open_ingress
import rego.v1

deny contains {
	"msg": sprintf("%s allows RDP (port 3389) from `%s`", [e.what, e.cidr]),
	"path": e.path,
} if {
	some e in open_ingress
	sg.opens(e, 3389, {"tcp", "udp"})
}
