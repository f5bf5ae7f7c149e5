# METADATA
# title: Load balancer access logs disabled
# description: >-
#   Access logs record every request an Application or Classic Load Balancer receives (client address,
#   path, status, TLS details). Without them there is no trace of who called what when investigating an
#   incident. They are off unless an `access_logs` block enables them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-5
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb#access_logs
# custom:
#   id: TG-AWS-ELB-004
#   severity: low
#   enforcement: warn
#   remediation: |
#     Write access logs to an S3 bucket whose policy lets the load balancer deliver them:
#
#         resource "aws_lb" "web" {
#           # ...
#           access_logs {
#             bucket  = aws_s3_bucket.lb_logs.id
#             prefix  = "web"
#             enabled = true
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices ELB.5
#     - NIST SP 800-53 AU-2, AU-12
#   resource_types: [aws_lb, aws_alb, aws_elb]
package tollgate.terraform.aws.lb_access_logs_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

kind := {"aws_lb": "Application Load Balancer", "aws_alb": "Application Load Balancer", "aws_elb": "Classic Load Balancer"}

# No access_logs block (configuration; a plan has an empty list).
warn contains {
	"msg": sprintf("%s `%s` has no `access_logs` block and does not log requests", [kind[r.type], r.address]),
	"path": r.path,
} if {
	some r in load_balancers
	no_block(r.body, "access_logs")
}

# access_logs with enabled = false, or without `enabled` on aws_lb / aws_alb (default false there).
warn contains {
	"msg": sprintf("%s `%s` does not enable its access logs (`enabled = true`)", [kind[r.type], r.address]),
	"path": array.concat(r.path, ["access_logs", i]),
} if {
	some r in load_balancers
	some i, b in blocks(r.body, "access_logs")
	disabled(r.type, b)
}

load_balancers := array.concat(
	[r |
		some type in ["aws_lb", "aws_alb"]
		some r in tf.resources_of(type)
		object.get(r.body, "load_balancer_type", "application") in {"application", null}
	],
	tf.resources_of("aws_elb"),
)

disabled(_, b) if tf.is_false(b.enabled)

disabled(type, b) if {
	type in {"aws_lb", "aws_alb"}
	unset(b, "enabled")
}

no_block(body, field) if {
	not is_object(input.planned_values)
	not field in object.keys(body)
	not dynamic_block(body, field)
}

no_block(body, field) if body[field] == []

dynamic_block(body, field) if body.dynamic[field]

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
