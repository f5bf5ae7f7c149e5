package tollgate.terraform.aws.cloudfront_logging_disabled_test

import data.tollgate.terraform.aws.cloudfront_logging_disabled as rule
import data.tollgate.lib.terraform as tf
import rego.v1

# The module's resources by type, as tollgate indexes them (`data.tollgate.module_resources`).
idx(mod) := {type: tf.block_resources_of(mod.resource, type) | some type, _ in object.get(mod, "resource", {})}

dist(body) := {"aws_cloudfront_distribution": {"site": [object.union({"enabled": true}, body)]}}

test_no_logging_warned if {
	mod := {"resource": dist({})}
	r := rule.warn with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_cloudfront_distribution", "site", 0]
}

test_logging_config_allowed if {
	mod := {"resource": dist({"logging_config": [{"bucket": "acme-cdn-logs.s3.amazonaws.com", "prefix": "site/"}]})}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_dynamic_logging_config_allowed if {
	mod := {"resource": dist({"dynamic": {"logging_config": [{"for_each": "${var.logging_config}", "content": [{"bucket": "${logging_config.value.bucket}"}]}]}})}
	count(rule.warn) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_v2_delivery_source_allowed if {
	source := {"aws_cloudwatch_log_delivery_source": {"site": [{"name": "site", "log_type": "ACCESS_LOGS", "resource_arn": "${aws_cloudfront_distribution.site.arn}"}]}}
	count(rule.warn) == 0 with input as {"resource": dist({})} with data.tollgate.module as {"resource": object.union(dist({}), source)} with data.tollgate.module_resources as idx({"resource": object.union(dist({}), source)})
	other := {"aws_cloudwatch_log_delivery_source": {"site": [{"name": "site", "log_type": "ACCESS_LOGS", "resource_arn": "${aws_cloudfront_distribution.docs.arn}"}]}}
	count(rule.warn) == 1 with input as {"resource": dist({})} with data.tollgate.module as {"resource": object.union(dist({}), other)} with data.tollgate.module_resources as idx({"resource": object.union(dist({}), other)})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{"address": "aws_cloudfront_distribution.site", "mode": "managed", "type": "aws_cloudfront_distribution", "name": "site", "values": values}]}}}

test_plan if {
	r := rule.warn with input as plan({"logging_config": []})
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values"]
	count(rule.warn) == 0 with input as plan({"logging_config": [{"bucket": "acme-cdn-logs.s3.amazonaws.com"}]})
}
