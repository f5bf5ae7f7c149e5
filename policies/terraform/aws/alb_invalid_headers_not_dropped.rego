# METADATA
# title: Application Load Balancer forwards invalid HTTP headers
# description: >-
#   By default an Application Load Balancer forwards header fields whose names are not valid HTTP tokens.
#   Back ends and proxies that parse such headers differently from the load balancer can be led into HTTP
#   request smuggling or desync attacks. `drop_invalid_header_fields = true` removes them at the edge.
# related_resources:
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb#drop_invalid_header_fields
# custom:
#   id: TG-AWS-ELB-003
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Drop invalid header fields:
#
#         resource "aws_lb" "web" {
#           load_balancer_type         = "application"
#           # ...
#           drop_invalid_header_fields = true
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices ELB.4
#     - NIST SP 800-53 SC-8, SI-10
#   resource_types: [aws_lb, aws_alb]
package tollgate.terraform.aws.alb_invalid_headers_not_dropped

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("Application Load Balancer `%s` sets `drop_invalid_header_fields = false` and forwards invalid HTTP headers", [r.address]),
	"path": array.concat(r.path, ["drop_invalid_header_fields"]),
} if {
	some r in application_load_balancers
	tf.is_false(r.body.drop_invalid_header_fields)
}

warn contains {
	"msg": sprintf("Application Load Balancer `%s` does not set `drop_invalid_header_fields = true` (default false) and forwards invalid HTTP headers", [r.address]),
	"path": r.path,
} if {
	some r in application_load_balancers
	unset(r.body, "drop_invalid_header_fields")
}

application_load_balancers := [r |
	some type in ["aws_lb", "aws_alb"]
	some r in tf.resources_of(type)
	object.get(r.body, "load_balancer_type", "application") in {"application", null}
]

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
}
