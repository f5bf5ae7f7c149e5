# METADATA
# title: Load balancer desync mitigation in monitor mode
# description: >-
#   Desync mitigation protects back ends from HTTP request smuggling by blocking or normalizing ambiguous
#   requests. In `monitor` mode the load balancer forwards every request unchanged, including the ones it
#   classifies as severe; keep the default `defensive` mode or use `strictest`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#desync-mitigation-mode
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-12
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb#desync_mitigation_mode
# custom:
#   id: TG-AWS-ELB-005
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Use the default `defensive` mode, or `strictest`:
#
#         resource "aws_lb" "web" {
#           # ...
#           desync_mitigation_mode = "defensive"
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices ELB.12, ELB.14
#     - NIST SP 800-53 SC-7, SI-10
#   resource_types: [aws_lb, aws_alb, aws_elb]
package tollgate.terraform.aws.alb_desync_mitigation_monitor

import data.tollgate.lib.terraform as tf
import rego.v1

kind := {"aws_lb": "Load balancer", "aws_alb": "Load balancer", "aws_elb": "Classic Load Balancer"}

warn contains {
	"msg": sprintf("%s `%s` sets `desync_mitigation_mode = \"monitor\"` and forwards requests that risk HTTP desync", [kind[r.type], r.address]),
	"path": array.concat(r.path, ["desync_mitigation_mode"]),
} if {
	some type in ["aws_lb", "aws_alb", "aws_elb"]
	some r in tf.resources_of(type)
	r.body.desync_mitigation_mode == "monitor"
}
