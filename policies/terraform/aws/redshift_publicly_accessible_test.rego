package tollgate.terraform.aws.redshift_publicly_accessible_test

import data.tollgate.terraform.aws.redshift_publicly_accessible as rule
import rego.v1

cluster(body) := {"resource": {"aws_redshift_cluster": {"warehouse": [object.union({"cluster_identifier": "warehouse"}, body)]}}}

test_public_denied if {
	r := rule.deny with input as cluster({"publicly_accessible": true})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_redshift_cluster", "warehouse", 0, "publicly_accessible"]
}

test_private_default_unresolved_allowed if {
	count(rule.deny) == 0 with input as cluster({"publicly_accessible": false})
	count(rule.deny) == 0 with input as cluster({})
	count(rule.deny) == 0 with input as cluster({"publicly_accessible": "${var.public}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_redshift_cluster.warehouse", "mode": "managed", "type": "aws_redshift_cluster", "name": "warehouse", "values": {"publicly_accessible": true}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "publicly_accessible"]
}
