package tollgate.terraform.aws.rds_publicly_accessible_test

import data.tollgate.terraform.aws.rds_publicly_accessible as rule
import rego.v1

db(type, body) := {"resource": {type: {"main": [object.union({"instance_class": "db.t4g.micro"}, body)]}}}

test_public_db_instance_denied if {
	r := rule.deny with input as db("aws_db_instance", {"engine": "postgres", "publicly_accessible": true})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_db_instance", "main", 0, "publicly_accessible"]
}

test_public_cluster_instance_denied if {
	count(rule.deny) == 1 with input as db("aws_rds_cluster_instance", {"cluster_identifier": "${aws_rds_cluster.main.id}", "publicly_accessible": "true"})
}

test_private_instance_allowed if {
	count(rule.deny) == 0 with input as db("aws_db_instance", {"publicly_accessible": false})
	count(rule.deny) == 0 with input as db("aws_db_instance", {})
}

test_unresolved_value_allowed if {
	count(rule.deny) == 0 with input as db("aws_db_instance", {"publicly_accessible": "${var.public}"})
}

test_plan_public_instance_denied if {
	plan := {"planned_values": {"root_module": {"child_modules": [{"resources": [{
		"address": "module.db.aws_db_instance.main",
		"mode": "managed",
		"type": "aws_db_instance",
		"name": "main",
		"values": {"engine": "mysql", "publicly_accessible": true},
	}]}]}}}
	r := rule.deny with input as plan
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "child_modules", 0, "resources", 0, "values", "publicly_accessible"]
}

test_plan_resources_in_root_and_deeply_nested_modules_denied if {
	db := {"mode": "managed", "type": "aws_db_instance", "name": "main", "values": {"engine": "mysql", "publicly_accessible": true}}
	leaf := {"resources": [object.union(db, {"address": "module.a.module.b.module.c.aws_db_instance.main"})]}
	plan := {"planned_values": {"root_module": {
		"resources": [object.union(db, {"address": "aws_db_instance.main"})],
		"child_modules": [{"child_modules": [{"child_modules": [leaf]}]}],
	}}}
	paths := {f.path | some f in rule.deny with input as plan}
	paths == {
		["planned_values", "root_module", "resources", 0, "values", "publicly_accessible"],
		["planned_values", "root_module", "child_modules", 0, "child_modules", 0, "child_modules", 0, "resources", 0, "values", "publicly_accessible"],
	}
}
