package tollgate.terraform.aws.cloudfront_outdated_tls_test

import data.tollgate.terraform.aws.cloudfront_outdated_tls as rule
import rego.v1

dist(cert) := {"resource": {"aws_cloudfront_distribution": {"site": [{"enabled": true, "viewer_certificate": [cert]}]}}}

acm := "arn:aws:acm:us-east-1:111122223333:certificate/abcd"

test_old_version_denied if {
	r := rule.deny with input as dist({"acm_certificate_arn": acm, "ssl_support_method": "sni-only", "minimum_protocol_version": "TLSv1.1_2016"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudfront_distribution", "site", 0, "viewer_certificate", 0, "minimum_protocol_version"]
	count(rule.deny) == 1 with input as dist({"iam_certificate_id": "ASCAEXAMPLE", "minimum_protocol_version": "TLSv1"})
}

test_missing_version_denied if {
	r := rule.deny with input as dist({"acm_certificate_arn": "${aws_acm_certificate.site.arn}", "ssl_support_method": "sni-only"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudfront_distribution", "site", 0, "viewer_certificate", 0]
}

test_current_version_allowed if {
	count(rule.deny) == 0 with input as dist({"acm_certificate_arn": acm, "minimum_protocol_version": "TLSv1.2_2021"})
	count(rule.deny) == 0 with input as dist({"acm_certificate_arn": acm, "minimum_protocol_version": "${var.minimum_protocol_version}"})
}

test_default_certificate_allowed if {
	count(rule.deny) == 0 with input as dist({"cloudfront_default_certificate": true})
	count(rule.deny) == 0 with input as dist({"cloudfront_default_certificate": true, "minimum_protocol_version": "TLSv1"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_cloudfront_distribution.site", "mode": "managed", "type": "aws_cloudfront_distribution", "name": "site", "values": {"viewer_certificate": [{"acm_certificate_arn": acm, "cloudfront_default_certificate": false, "iam_certificate_id": "", "minimum_protocol_version": "TLSv1_2016"}]}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "viewer_certificate", 0, "minimum_protocol_version"]
}
