package tollgate.terraform.aws.rds_deletion_protection_disabled_test

import data.tollgate.terraform.aws.rds_deletion_protection_disabled as rule
import rego.v1

res(type, body) := {"resource": {type: {"main": [body]}}}

test_missing_warned if {
	r := rule.warn with input as res("aws_db_instance", {"engine": "postgres"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_db_instance", "main", 0]
	count(rule.warn) == 1 with input as res("aws_rds_cluster", {"engine": "aurora-postgresql"})
}

test_false_warned if {
	r := rule.warn with input as res("aws_rds_cluster", {"engine": "aurora-mysql", "deletion_protection": false})
	some f in r
	f.path == ["resource", "aws_rds_cluster", "main", 0, "deletion_protection"]
}

test_enabled_allowed if {
	count(rule.warn) == 0 with input as res("aws_db_instance", {"engine": "mysql", "deletion_protection": true})
	count(rule.warn) == 0 with input as res("aws_rds_cluster", {"engine": "aurora-mysql", "deletion_protection": "true"})
}

test_aurora_instance_and_unresolved_allowed if {
	count(rule.warn) == 0 with input as res("aws_db_instance", {"engine": "aurora-mysql", "cluster_identifier": "orders"})
	count(rule.warn) == 0 with input as res("aws_db_instance", {"engine": "postgres", "deletion_protection": "${var.deletion_protection}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_db_instance.main", "mode": "managed", "type": "aws_db_instance", "name": "main", "values": {"engine": "postgres", "deletion_protection": false}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "deletion_protection"]
}
