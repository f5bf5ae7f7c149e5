package tollgate.terraform.aws.redshift_unencrypted_test

import data.tollgate.terraform.aws.redshift_unencrypted as rule
import rego.v1

cluster(body) := {"resource": {"aws_redshift_cluster": {"warehouse": [object.union({"cluster_identifier": "warehouse", "node_type": "ra3.xlplus"}, body)]}}}

test_unencrypted_denied if {
	r := rule.deny with input as cluster({"encrypted": false})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_redshift_cluster", "warehouse", 0, "encrypted"]
	count(rule.deny) == 1 with input as cluster({"encrypted": "false"})
}

test_encrypted_default_unresolved_allowed if {
	count(rule.deny) == 0 with input as cluster({"encrypted": true})
	count(rule.deny) == 0 with input as cluster({})
	count(rule.deny) == 0 with input as cluster({"encrypted": "${var.encrypted}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_redshift_cluster.warehouse", "mode": "managed", "type": "aws_redshift_cluster", "name": "warehouse", "values": {"encrypted": false}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "encrypted"]
}
