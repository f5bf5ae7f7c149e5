package tollgate.terraform.aws.alb_http_listener_test

import data.tollgate.terraform.aws.alb_http_listener as rule
import rego.v1

listener(type, protocol, action) := {"resource": {type: {"http": [{"load_balancer_arn": "${aws_lb.web.arn}", "port": 80, "protocol": protocol, "default_action": [action]}]}}}

forward := {"type": "forward", "target_group_arn": "${aws_lb_target_group.web.arn}"}

redirect(protocol) := {"type": "redirect", "redirect": [{"port": "443", "protocol": protocol, "status_code": "HTTP_301"}]}

test_http_forward_denied if {
	r := rule.deny with input as listener("aws_lb_listener", "HTTP", forward)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_lb_listener", "http", 0, "protocol"]
}

test_alb_listener_alias_denied if {
	count(rule.deny) == 1 with input as listener("aws_alb_listener", "HTTP", forward)
}

test_redirect_to_http_denied if {
	count(rule.deny) == 1 with input as listener("aws_lb_listener", "HTTP", redirect("#{protocol}"))
}

test_redirect_to_https_allowed if {
	count(rule.deny) == 0 with input as listener("aws_lb_listener", "HTTP", redirect("HTTPS"))
}

test_https_listener_allowed if {
	count(rule.deny) == 0 with input as listener("aws_lb_listener", "HTTPS", forward)
	count(rule.deny) == 0 with input as listener("aws_lb_listener", "TCP", forward)
}

test_unresolved_allowed if {
	count(rule.deny) == 0 with input as listener("aws_lb_listener", "${var.protocol}", forward)
	count(rule.deny) == 0 with input as listener("aws_lb_listener", "HTTP", redirect("${var.redirect_protocol}"))
	count(rule.deny) == 0 with input as listener("aws_lb_listener", "HTTP", {"type": "${var.action}"})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_lb_listener.http",
	"mode": "managed",
	"type": "aws_lb_listener",
	"name": "http",
	"values": values,
}]}}}

test_plan_http_forward_denied if {
	r := rule.deny with input as plan({"port": 80, "protocol": "HTTP", "default_action": [{"type": "forward", "redirect": [], "fixed_response": []}]})
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "protocol"]
}

test_plan_redirect_allowed if {
	count(rule.deny) == 0 with input as plan({"port": 80, "protocol": "HTTP", "default_action": [redirect("HTTPS")]})
}
