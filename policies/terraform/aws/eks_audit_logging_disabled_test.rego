package tollgate.terraform.aws.eks_audit_logging_disabled_test

import data.tollgate.terraform.aws.eks_audit_logging_disabled as rule
import rego.v1

cluster(body) := {"resource": {"aws_eks_cluster": {"main": [object.union({"name": "main", "role_arn": "${aws_iam_role.cluster.arn}"}, body)]}}}

test_missing_warned if {
	r := rule.warn with input as cluster({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_eks_cluster", "main", 0]
}

test_without_audit_warned if {
	r := rule.warn with input as cluster({"enabled_cluster_log_types": ["api", "authenticator"]})
	some f in r
	f.path == ["resource", "aws_eks_cluster", "main", 0, "enabled_cluster_log_types"]
	count(rule.warn) == 1 with input as cluster({"enabled_cluster_log_types": []})
}

test_audit_allowed if {
	count(rule.warn) == 0 with input as cluster({"enabled_cluster_log_types": ["api", "audit", "authenticator"]})
	count(rule.warn) == 0 with input as cluster({"enabled_cluster_log_types": "${var.cluster_enabled_log_types}"})
	count(rule.warn) == 0 with input as cluster({"enabled_cluster_log_types": ["api", "${var.extra_log_type}"]})
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_eks_cluster.main", "mode": "managed", "type": "aws_eks_cluster", "name": "main", "values": {"name": "main", "enabled_cluster_log_types": ["api"]}}]}}}
	r := rule.warn with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "enabled_cluster_log_types"]
}
