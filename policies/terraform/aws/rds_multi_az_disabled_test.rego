package tollgate.terraform.aws.rds_multi_az_disabled_test

import data.tollgate.terraform.aws.rds_multi_az_disabled as rule
import rego.v1

db(body) := {"resource": {"aws_db_instance": {"main": [object.union({"engine": "postgres", "instance_class": "db.m7g.large"}, body)]}}}

test_missing_warned if {
	r := rule.warn with input as db({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_db_instance", "main", 0]
}

test_false_warned if {
	r := rule.warn with input as db({"multi_az": false})
	some f in r
	f.path == ["resource", "aws_db_instance", "main", 0, "multi_az"]
}

test_multi_az_allowed if {
	count(rule.warn) == 0 with input as db({"multi_az": true})
}

test_skipped_kinds_allowed if {
	count(rule.warn) == 0 with input as db({"engine": "aurora-postgresql", "cluster_identifier": "orders"})
	count(rule.warn) == 0 with input as db({"replicate_source_db": "${aws_db_instance.primary.identifier}"})
	count(rule.warn) == 0 with input as db({"engine": "sqlserver-ex"})
	count(rule.warn) == 0 with input as db({"multi_az": "${var.multi_az}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_db_instance.main", "mode": "managed", "type": "aws_db_instance", "name": "main", "values": {"engine": "postgres", "multi_az": false, "replicate_source_db": null}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "multi_az"]
}
