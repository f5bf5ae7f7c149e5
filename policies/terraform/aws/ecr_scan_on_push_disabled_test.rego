package tollgate.terraform.aws.ecr_scan_on_push_disabled_test

import data.tollgate.terraform.aws.ecr_scan_on_push_disabled as rule
import data.tollgate.lib.terraform as tf
import rego.v1

# The module's resources by type, as tollgate indexes them (`data.tollgate.module_resources`).
idx(mod) := {type: tf.block_resources_of(mod.resource, type) | some type, _ in object.get(mod, "resource", {})}

repo(body) := {"resource": {"aws_ecr_repository": {"app": [object.union({"name": "app"}, body)]}}}

test_missing_block_warned if {
	r := rule.warn with input as repo({}) with data.tollgate.module as repo({}) with data.tollgate.module_resources as idx(repo({}))
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_ecr_repository", "app", 0]
}

test_false_warned if {
	inp := repo({"image_scanning_configuration": [{"scan_on_push": false}]})
	r := rule.warn with input as inp with data.tollgate.module as inp with data.tollgate.module_resources as idx(inp)
	some f in r
	f.path == ["resource", "aws_ecr_repository", "app", 0, "image_scanning_configuration", 0, "scan_on_push"]
}

test_scan_on_push_allowed if {
	inp := repo({"image_scanning_configuration": [{"scan_on_push": true}]})
	count(rule.warn) == 0 with input as inp with data.tollgate.module as inp with data.tollgate.module_resources as idx(inp)
	unknown := repo({"image_scanning_configuration": [{"scan_on_push": "${var.scan_on_push}"}]})
	count(rule.warn) == 0 with input as unknown with data.tollgate.module as unknown with data.tollgate.module_resources as idx(unknown)
}

test_registry_scanning_allowed if {
	mod := {"resource": {
		"aws_ecr_repository": {"app": [{"name": "app"}]},
		"aws_ecr_registry_scanning_configuration": {"this": [{"scan_type": "ENHANCED", "rule": [{"scan_frequency": "CONTINUOUS_SCAN", "repository_filter": [{"filter": "*", "filter_type": "WILDCARD"}]}]}]},
	}}
	count(rule.warn) == 0 with input as repo({}) with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_ecr_repository.app", "mode": "managed", "type": "aws_ecr_repository", "name": "app", "values": {"name": "app", "image_scanning_configuration": [{"scan_on_push": false}]}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "image_scanning_configuration", 0, "scan_on_push"]
}
