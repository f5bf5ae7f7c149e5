package tollgate.terraform.aws.rds_backups_disabled_test

import data.tollgate.terraform.aws.rds_backups_disabled as rule
import rego.v1

db(body) := {"resource": {"aws_db_instance": {"main": [object.union({"engine": "postgres", "instance_class": "db.t4g.micro"}, body)]}}}

test_zero_retention_warned if {
	r := rule.warn with input as db({"backup_retention_period": 0})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_db_instance", "main", 0, "backup_retention_period"]
}

test_zero_retention_string_warned if {
	count(rule.warn) == 1 with input as db({"backup_retention_period": "0"})
}

test_retention_allowed if {
	count(rule.warn) == 0 with input as db({"backup_retention_period": 7})
	count(rule.warn) == 0 with input as db({})
}

test_unresolved_allowed if {
	count(rule.warn) == 0 with input as db({"backup_retention_period": "${var.backup_days}"})
}

test_replica_allowed if {
	count(rule.warn) == 0 with input as db({"replicate_source_db": "${aws_db_instance.primary.identifier}", "backup_retention_period": 0})
}

test_plan_zero_retention_warned if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "aws_db_instance.main",
		"mode": "managed",
		"type": "aws_db_instance",
		"name": "main",
		"values": {"engine": "postgres", "backup_retention_period": 0, "replicate_source_db": null},
	}]}}}
	r := rule.warn with input as plan
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "backup_retention_period"]
}
