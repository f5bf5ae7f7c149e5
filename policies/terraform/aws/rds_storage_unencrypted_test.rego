package tollgate.terraform.aws.rds_storage_unencrypted_test

import data.tollgate.terraform.aws.rds_storage_unencrypted as rule
import rego.v1

res(type, body) := {"resource": {type: {"main": [body]}}}

test_db_instance_missing_denied if {
	r := rule.deny with input as res("aws_db_instance", {"engine": "postgres", "instance_class": "db.t4g.micro"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_db_instance", "main", 0]
}

test_db_instance_false_denied if {
	r := rule.deny with input as res("aws_db_instance", {"engine": "mysql", "storage_encrypted": false})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_db_instance", "main", 0, "storage_encrypted"]
}

test_cluster_missing_denied if {
	count(rule.deny) == 1 with input as res("aws_rds_cluster", {"engine": "aurora-postgresql", "engine_mode": "provisioned", "serverlessv2_scaling_configuration": [{"min_capacity": 0.5, "max_capacity": 4}]})
}

test_encrypted_allowed if {
	count(rule.deny) == 0 with input as res("aws_db_instance", {"engine": "postgres", "storage_encrypted": true})
	count(rule.deny) == 0 with input as res("aws_rds_cluster", {"engine": "aurora-mysql", "storage_encrypted": "true"})
}

test_unresolved_allowed if {
	count(rule.deny) == 0 with input as res("aws_db_instance", {"engine": "postgres", "storage_encrypted": "${var.encrypted}"})
}

test_serverless_v1_cluster_allowed if {
	count(rule.deny) == 0 with input as res("aws_rds_cluster", {"engine": "aurora-postgresql", "engine_mode": "serverless"})
}

test_replica_and_snapshot_restore_allowed if {
	count(rule.deny) == 0 with input as res("aws_db_instance", {"replicate_source_db": "${aws_db_instance.primary.identifier}", "instance_class": "db.t4g.micro"})
	count(rule.deny) == 0 with input as res("aws_db_instance", {"snapshot_identifier": "${data.aws_db_snapshot.latest.id}"})
	count(rule.deny) == 0 with input as res("aws_rds_cluster", {"engine": "aurora-mysql", "snapshot_identifier": "arn:aws:rds:eu-west-1:111122223333:cluster-snapshot:base"})
}

test_aurora_member_db_instance_allowed if {
	count(rule.deny) == 0 with input as res("aws_db_instance", {"engine": "aurora-mysql", "cluster_identifier": "${aws_rds_cluster.main.id}"})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_db_instance.main",
	"mode": "managed",
	"type": "aws_db_instance",
	"name": "main",
	"values": values,
}]}}}

test_plan_false_denied if {
	r := rule.deny with input as plan({"engine": "postgres", "storage_encrypted": false, "replicate_source_db": null})
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "storage_encrypted"]
}

test_plan_unknown_allowed if {
	# A plan omits values known only after apply.
	count(rule.deny) == 0 with input as plan({"engine": "postgres"})
}

test_plan_encrypted_allowed if {
	count(rule.deny) == 0 with input as plan({"engine": "postgres", "storage_encrypted": true})
}
