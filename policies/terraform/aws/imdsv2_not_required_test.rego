package tollgate.terraform.aws.imdsv2_not_required_test

import data.tollgate.terraform.aws.imdsv2_not_required as rule
import rego.v1

res(type, body) := {"resource": {type: {"web": [object.union({"ami": "ami-0123456789abcdef0"}, body)]}}}

test_instance_without_metadata_options_denied if {
	r := rule.deny with input as res("aws_instance", {})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_instance", "web", 0]
}

test_optional_tokens_denied if {
	r := rule.deny with input as res("aws_launch_template", {"metadata_options": [{"http_endpoint": "enabled", "http_tokens": "optional"}]})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_launch_template", "web", 0, "metadata_options", 0, "http_tokens"]
}

test_metadata_options_without_tokens_denied if {
	r := rule.deny with input as res("aws_instance", {"metadata_options": [{"http_put_response_hop_limit": 2}]})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_instance", "web", 0, "metadata_options", 0]
}

test_required_allowed if {
	count(rule.deny) == 0 with input as res("aws_instance", {"metadata_options": [{"http_tokens": "required"}]})
	count(rule.deny) == 0 with input as res("aws_launch_template", {"metadata_options": [{"http_endpoint": "enabled", "http_tokens": "required"}]})
}

test_endpoint_disabled_allowed if {
	count(rule.deny) == 0 with input as res("aws_instance", {"metadata_options": [{"http_endpoint": "disabled"}]})
}

test_unresolved_allowed if {
	count(rule.deny) == 0 with input as res("aws_instance", {"metadata_options": [{"http_tokens": "${var.http_tokens}"}]})
}

test_instance_from_launch_template_allowed if {
	count(rule.deny) == 0 with input as res("aws_instance", {"launch_template": [{"id": "${aws_launch_template.web.id}", "version": "$Latest"}]})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_instance.web",
	"mode": "managed",
	"type": "aws_instance",
	"name": "web",
	"values": values,
}]}}}

test_plan_optional_denied if {
	r := rule.deny with input as plan({"ami": "ami-0123456789abcdef0", "metadata_options": [{"http_endpoint": "enabled", "http_tokens": "optional", "http_put_response_hop_limit": 1}]})
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "metadata_options", 0, "http_tokens"]
}

test_plan_unknown_allowed if {
	count(rule.deny) == 0 with input as plan({"ami": "ami-0123456789abcdef0"})
	count(rule.deny) == 0 with input as plan({"ami": "ami-0123456789abcdef0", "metadata_options": [{"http_endpoint": "enabled"}]})
}
