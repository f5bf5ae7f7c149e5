package tollgate.terraform.aws.dax_cluster_plaintext_endpoint_test

import data.tollgate.terraform.aws.dax_cluster_plaintext_endpoint as rule
import rego.v1

dax(body) := {"resource": {"aws_dax_cluster": {"cache": [object.union({"cluster_name": "cache", "node_type": "dax.r5.large"}, body)]}}}

test_default_warned if {
	r := rule.warn with input as dax({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_dax_cluster", "cache", 0]
}

test_none_warned if {
	r := rule.warn with input as dax({"cluster_endpoint_encryption_type": "NONE"})
	some f in r
	f.path == ["resource", "aws_dax_cluster", "cache", 0, "cluster_endpoint_encryption_type"]
}

test_tls_allowed if {
	count(rule.warn) == 0 with input as dax({"cluster_endpoint_encryption_type": "TLS"})
	count(rule.warn) == 0 with input as dax({"cluster_endpoint_encryption_type": "${var.endpoint_encryption}"})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_dax_cluster.cache", "mode": "managed", "type": "aws_dax_cluster", "name": "cache", "values": {"cluster_endpoint_encryption_type": "NONE"}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "cluster_endpoint_encryption_type"]
}
