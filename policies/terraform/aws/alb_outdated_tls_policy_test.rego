package tollgate.terraform.aws.alb_outdated_tls_policy_test

import data.tollgate.terraform.aws.alb_outdated_tls_policy as rule
import rego.v1

listener(body) := {"resource": {"aws_lb_listener": {"https": [object.union({"load_balancer_arn": "${aws_lb.web.arn}", "port": 443, "protocol": "HTTPS", "certificate_arn": "${aws_acm_certificate.web.arn}"}, body)]}}}

test_old_policy_denied if {
	r := rule.deny with input as listener({"ssl_policy": "ELBSecurityPolicy-2016-08"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_lb_listener", "https", 0, "ssl_policy"]
}

test_tls11_policies_denied if {
	count(rule.deny) == 1 with input as listener({"ssl_policy": "ELBSecurityPolicy-TLS-1-1-2017-01"})
	count(rule.deny) == 1 with input as listener({"ssl_policy": "ELBSecurityPolicy-TLS13-1-1-2021-06"})
	count(rule.deny) == 1 with input as listener({"ssl_policy": "ELBSecurityPolicy-FS-2018-06"})
}

test_missing_policy_denied if {
	r := rule.deny with input as listener({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_lb_listener", "https", 0]
}

test_modern_policies_allowed if {
	count(rule.deny) == 0 with input as listener({"ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})
	count(rule.deny) == 0 with input as listener({"ssl_policy": "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"})
	count(rule.deny) == 0 with input as listener({"ssl_policy": "ELBSecurityPolicy-TLS13-1-3-2021-06"})
	count(rule.deny) == 0 with input as listener({"ssl_policy": "ELBSecurityPolicy-TLS-1-2-2017-01"})
	count(rule.deny) == 0 with input as listener({"ssl_policy": "ELBSecurityPolicy-TLS-1-2-Ext-2018-06"})
	count(rule.deny) == 0 with input as listener({"ssl_policy": "ELBSecurityPolicy-FS-1-2-Res-2020-10"})
}

test_unresolved_allowed if {
	count(rule.deny) == 0 with input as listener({"ssl_policy": "${var.ssl_policy}"})
}

test_http_listener_without_policy_allowed if {
	count(rule.deny) == 0 with input as listener({"port": 80, "protocol": "HTTP", "certificate_arn": null})
}

test_nlb_tls_listener_denied if {
	count(rule.deny) == 1 with input as {"resource": {"aws_lb_listener": {"tls": [{"port": 443, "protocol": "TLS", "ssl_policy": "ELBSecurityPolicy-TLS-1-0-2015-04"}]}}}
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_lb_listener.https",
	"mode": "managed",
	"type": "aws_lb_listener",
	"name": "https",
	"values": values,
}]}}}

test_plan_old_policy_denied if {
	r := rule.deny with input as plan({"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08"})
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "ssl_policy"]
}

test_plan_unknown_policy_allowed if {
	count(rule.deny) == 0 with input as plan({"port": 443, "protocol": "HTTPS"})
}
