package tollgate.terraform.aws.cloudfront_origin_unencrypted_test

import data.tollgate.terraform.aws.cloudfront_origin_unencrypted as rule
import rego.v1

dist(origin) := {"resource": {"aws_cloudfront_distribution": {"site": [{"enabled": true, "origin": [origin]}]}}}

custom(domain, config) := {"domain_name": domain, "origin_id": "api", "custom_origin_config": [object.union({"http_port": 80, "https_port": 443, "origin_ssl_protocols": ["TLSv1.2"]}, config)]}

test_http_only_warned if {
	r := rule.warn with input as dist(custom("api.example.com", {"origin_protocol_policy": "http-only"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudfront_distribution", "site", 0, "origin", 0, "custom_origin_config", 0, "origin_protocol_policy"]
	f.msg == "CloudFront distribution `aws_cloudfront_distribution.site` connects to origin `api` over plain HTTP (`origin_protocol_policy = \"http-only\"`)"
}

test_sslv3_warned if {
	r := rule.warn with input as dist(custom("api.example.com", {"origin_protocol_policy": "https-only", "origin_ssl_protocols": ["SSLv3", "TLSv1.2"]}))
	some f in r
	f.path == ["resource", "aws_cloudfront_distribution", "site", 0, "origin", 0, "custom_origin_config", 0, "origin_ssl_protocols"]
}

test_https_allowed if {
	count(rule.warn) == 0 with input as dist(custom("api.example.com", {"origin_protocol_policy": "https-only"}))
	count(rule.warn) == 0 with input as dist(custom("api.example.com", {"origin_protocol_policy": "match-viewer"}))
	count(rule.warn) == 0 with input as dist(custom("api.example.com", {"origin_protocol_policy": "${var.origin_protocol_policy}"}))
}

test_s3_website_endpoint_allowed if {
	count(rule.warn) == 0 with input as dist(custom("acme-site.s3-website-eu-west-1.amazonaws.com", {"origin_protocol_policy": "http-only"}))
	count(rule.warn) == 0 with input as dist(custom("acme-site.s3-website.eu-central-1.amazonaws.com", {"origin_protocol_policy": "http-only"}))
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_cloudfront_distribution.site", "mode": "managed", "type": "aws_cloudfront_distribution", "name": "site", "values": {"origin": [custom("api.example.com", {"origin_protocol_policy": "http-only"})]}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "origin", 0, "custom_origin_config", 0, "origin_protocol_policy"]
}
