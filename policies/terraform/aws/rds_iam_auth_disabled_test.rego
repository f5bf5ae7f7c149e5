package tollgate.terraform.aws.rds_iam_auth_disabled_test

import data.tollgate.terraform.aws.rds_iam_auth_disabled as rule
import rego.v1

res(type, body) := {"resource": {type: {"main": [body]}}}

test_instance_without_iam_auth_warned if {
	r := rule.warn with input as res("aws_db_instance", {"engine": "postgres"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_db_instance", "main", 0]
}

test_cluster_false_warned if {
	r := rule.warn with input as res("aws_rds_cluster", {"engine": "aurora-mysql", "iam_database_authentication_enabled": false})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_rds_cluster", "main", 0, "iam_database_authentication_enabled"]
}

test_enabled_allowed if {
	count(rule.warn) == 0 with input as res("aws_db_instance", {"engine": "mysql", "iam_database_authentication_enabled": true})
	count(rule.warn) == 0 with input as res("aws_rds_cluster", {"engine": "aurora-postgresql", "iam_database_authentication_enabled": "true"})
}

test_unsupported_or_unknown_engine_allowed if {
	count(rule.warn) == 0 with input as res("aws_db_instance", {"engine": "sqlserver-se"})
	count(rule.warn) == 0 with input as res("aws_db_instance", {"engine": "${var.engine}"})
	count(rule.warn) == 0 with input as res("aws_db_instance", {"engine": "aurora-mysql", "cluster_identifier": "${aws_rds_cluster.main.id}"})
	count(rule.warn) == 0 with input as res("aws_rds_cluster", {"engine": "aurora-mysql", "engine_mode": "serverless"})
}

test_replica_and_unresolved_allowed if {
	count(rule.warn) == 0 with input as res("aws_db_instance", {"engine": "postgres", "replicate_source_db": "${aws_db_instance.primary.identifier}"})
	count(rule.warn) == 0 with input as res("aws_db_instance", {"engine": "postgres", "iam_database_authentication_enabled": "${var.iam_auth}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_db_instance.main", "mode": "managed", "type": "aws_db_instance", "name": "main", "values": {"engine": "postgres", "iam_database_authentication_enabled": false, "replicate_source_db": null}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "iam_database_authentication_enabled"]
}
