package tollgate.terraform.aws.cloudfront_no_waf_test

import data.tollgate.terraform.aws.cloudfront_no_waf as rule
import rego.v1

dist(body) := {"resource": {"aws_cloudfront_distribution": {"site": [object.union({"enabled": true}, body)]}}}

test_missing_web_acl_warned if {
	r := rule.warn with input as dist({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudfront_distribution", "site", 0]
	count(rule.warn) == 1 with input as dist({"web_acl_id": ""})
}

test_web_acl_allowed if {
	count(rule.warn) == 0 with input as dist({"web_acl_id": "${aws_wafv2_web_acl.edge.arn}"})
	count(rule.warn) == 0 with input as dist({"web_acl_id": "arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/a1b2"})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{"address": "aws_cloudfront_distribution.site", "mode": "managed", "type": "aws_cloudfront_distribution", "name": "site", "values": values}]}}}

test_plan if {
	r := rule.warn with input as plan({"web_acl_id": null})
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values"]
	count(rule.warn) == 0 with input as plan({})
}
