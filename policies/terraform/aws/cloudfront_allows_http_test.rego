package tollgate.terraform.aws.cloudfront_allows_http_test

import data.tollgate.terraform.aws.cloudfront_allows_http as rule
import rego.v1

dist(body) := {"resource": {"aws_cloudfront_distribution": {"site": [object.union({"enabled": true}, body)]}}}

test_default_behavior_allow_all_denied if {
	r := rule.deny with input as dist({"default_cache_behavior": [{"target_origin_id": "s3", "viewer_protocol_policy": "allow-all"}]})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudfront_distribution", "site", 0, "default_cache_behavior", 0, "viewer_protocol_policy"]
	f.msg == "CloudFront distribution `aws_cloudfront_distribution.site` serves plain HTTP in its default cache behavior (`viewer_protocol_policy = \"allow-all\"`)"
}

test_ordered_behavior_allow_all_denied if {
	r := rule.deny with input as dist({
		"default_cache_behavior": [{"viewer_protocol_policy": "redirect-to-https"}],
		"ordered_cache_behavior": [{"path_pattern": "/static/*", "viewer_protocol_policy": "https-only"}, {"path_pattern": "/legacy/*", "viewer_protocol_policy": "allow-all"}],
	})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudfront_distribution", "site", 0, "ordered_cache_behavior", 1, "viewer_protocol_policy"]
}

test_https_allowed if {
	count(rule.deny) == 0 with input as dist({"default_cache_behavior": [{"viewer_protocol_policy": "redirect-to-https"}]})
	count(rule.deny) == 0 with input as dist({"default_cache_behavior": [{"viewer_protocol_policy": "${var.viewer_protocol_policy}"}]})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_cloudfront_distribution.site", "mode": "managed", "type": "aws_cloudfront_distribution", "name": "site", "values": {"default_cache_behavior": [{"viewer_protocol_policy": "allow-all"}], "ordered_cache_behavior": []}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "default_cache_behavior", 0, "viewer_protocol_policy"]
}
