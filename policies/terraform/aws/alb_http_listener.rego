# METADATA
# title: Load balancer listener serves plain HTTP
# description: >-
#   A listener on protocol `HTTP` that forwards to targets serves the application unencrypted: credentials,
#   session cookies and data can be read or altered by anyone on the network path. An HTTP listener should only
#   redirect clients to HTTPS. A listener of an application load balancer that sets no `protocol` is an HTTP
#   listener (the default); one of a network load balancer is TCP and is not flagged. The kind of load balancer
#   comes from the `aws_lb` / `aws_alb` the listener references in the module (`load_balancer_type`, default
#   `application`), a literal ARN (`loadbalancer/app/...`), or a default action only ALBs support
#   (`redirect`, `fixed-response`, `authenticate-*`); when none of these tells (the load balancer is a variable,
#   a data source or another module's output), a listener without `protocol` is not judged. In plans an
#   unset `protocol` cannot be told from an unknown one and is not judged either.
# related_resources:
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_listener#redirect-action
# custom:
#   id: TG-AWS-ELB-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Make the HTTP listener redirect to HTTPS and serve the application on an HTTPS listener:
#
#         resource "aws_lb_listener" "http" {
#           load_balancer_arn = aws_lb.web.arn
#           port              = 80
#           protocol          = "HTTP" # the default on an ALB: omitting it does not help
#           default_action {
#             type = "redirect"
#             redirect {
#               port        = "443"
#               protocol    = "HTTPS"
#               status_code = "HTTP_301"
#             }
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices ELB.1
#     - NIST SP 800-53 SC-8, SC-23
#     - PCI DSS 4.1
#   resource_types: [aws_lb_listener, aws_alb_listener]
package tollgate.terraform.aws.alb_http_listener

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import rego.v1

listener_types := ["aws_lb_listener", "aws_alb_listener"]

deny contains {
	"msg": sprintf("Load balancer listener `%s` serves plain HTTP instead of redirecting to HTTPS", [r.address]),
	"path": array.concat(r.path, ["protocol"]),
} if {
	some type in listener_types
	some r in tf.resources_of(type)
	is_string(r.body.protocol)
	upper(r.body.protocol) == "HTTP"
	not redirects_to_https(r.body)
	not undecidable(r.body)
}

# No `protocol` on an application load balancer's listener: HTTP by default.
deny contains {
	"msg": sprintf("Load balancer listener `%s` sets no `protocol`, so it serves plain HTTP (the default on an application load balancer) instead of redirecting to HTTPS", [r.address]),
	"path": r.path,
} if {
	not is_object(input.planned_values)
	some type in listener_types
	some r in tf.resources_of(type)
	object.get(r.body, "protocol", null) == null
	application_load_balancer(r.body)
	not redirects_to_https(r.body)
	not undecidable(r.body)
}

# Every load balancer the listener references in the module is an application load balancer.
application_load_balancer(body) if {
	lbs := [lb |
		some type in ["aws_lb", "aws_alb"]
		some lb in tfm.referenced(body.load_balancer_arn, type)
	]
	count(lbs) > 0
	every lb in lbs {
		load_balancer_type(lb.body) == "application"
	}
}

# A literal ARN of an application load balancer.
application_load_balancer(body) if {
	is_string(body.load_balancer_arn)
	regex.match(`^arn:aws[a-z-]*:elasticloadbalancing:[^:]*:[0-9]*:loadbalancer/app/`, body.load_balancer_arn)
}

# A default action that only application load balancers support.
application_load_balancer(body) if {
	some a in blocks(body, "default_action")
	a.type in {"redirect", "fixed-response", "authenticate-cognito", "authenticate-oidc"}
}

# `load_balancer_type` defaults to "application"; undefined when unresolved.
load_balancer_type(body) := "application" if object.get(body, "load_balancer_type", null) == null

load_balancer_type(body) := lower(t) if {
	t := body.load_balancer_type
	is_string(t)
	tf.is_known(t)
}

redirects_to_https(body) if {
	some a in blocks(body, "default_action")
	a.type == "redirect"
	some rd in redirects(a)
	is_string(rd.protocol)
	upper(rd.protocol) == "HTTPS"
}

# The `redirect` blocks of an action, written inline or as the content of a `dynamic "redirect"` block
# (unless its `for_each` is known to be empty).
redirects(a) := array.concat(
	[rd | some rd in blocks(a, "redirect")],
	[c | some d in blocks(object.get(a, "dynamic", {}), "redirect"); not generates_nothing(d); some c in blocks(d, "content")],
)

generates_nothing(d) if d.for_each == []

generates_nothing(d) if d.for_each == {}

# Actions built from expressions the scanner cannot resolve.
undecidable(body) if body.dynamic.default_action

undecidable(body) if {
	some a in blocks(body, "default_action")
	tf.is_unknown(a.type)
}

undecidable(body) if {
	some a in blocks(body, "default_action")
	a.type == "redirect"
	some rd in redirects(a)
	tf.is_unknown(rd.protocol)
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
