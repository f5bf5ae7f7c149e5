package tollgate.terraform.aws.ecr_mutable_tags_test

import data.tollgate.terraform.aws.ecr_mutable_tags as rule
import rego.v1

repo(body) := {"resource": {"aws_ecr_repository": {"app": [object.union({"name": "app"}, body)]}}}

test_default_warned if {
	r := rule.warn with input as repo({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_ecr_repository", "app", 0]
}

test_mutable_warned if {
	r := rule.warn with input as repo({"image_tag_mutability": "MUTABLE"})
	some f in r
	f.path == ["resource", "aws_ecr_repository", "app", 0, "image_tag_mutability"]
}

test_immutable_allowed if {
	count(rule.warn) == 0 with input as repo({"image_tag_mutability": "IMMUTABLE"})
	count(rule.warn) == 0 with input as repo({"image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION"})
	count(rule.warn) == 0 with input as repo({"image_tag_mutability": "${var.image_tag_mutability}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_ecr_repository.app", "mode": "managed", "type": "aws_ecr_repository", "name": "app", "values": {"name": "app", "image_tag_mutability": "MUTABLE"}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "image_tag_mutability"]
}
