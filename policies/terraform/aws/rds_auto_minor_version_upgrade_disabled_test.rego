package tollgate.terraform.aws.rds_auto_minor_version_upgrade_disabled_test

import data.tollgate.terraform.aws.rds_auto_minor_version_upgrade_disabled as rule
import rego.v1

res(type, body) := {"resource": {type: {"main": [object.union({"engine": "postgres"}, body)]}}}

test_false_warned if {
	r := rule.warn with input as res("aws_db_instance", {"auto_minor_version_upgrade": false})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_db_instance", "main", 0, "auto_minor_version_upgrade"]
	count(rule.warn) == 1 with input as res("aws_rds_cluster_instance", {"auto_minor_version_upgrade": "false"})
	count(rule.warn) == 1 with input as res("aws_rds_cluster", {"auto_minor_version_upgrade": false})
}

test_default_and_true_allowed if {
	count(rule.warn) == 0 with input as res("aws_db_instance", {})
	count(rule.warn) == 0 with input as res("aws_db_instance", {"auto_minor_version_upgrade": true})
}

test_unresolved_allowed if {
	count(rule.warn) == 0 with input as res("aws_db_instance", {"auto_minor_version_upgrade": "${var.auto_minor_version_upgrade}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_db_instance.main", "mode": "managed", "type": "aws_db_instance", "name": "main", "values": {"auto_minor_version_upgrade": false}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "auto_minor_version_upgrade"]
}
