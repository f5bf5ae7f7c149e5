package tollgate.terraform.aws.eks_secrets_unencrypted_test

import data.tollgate.terraform.aws.eks_secrets_unencrypted as rule
import rego.v1

cluster(body) := {"resource": {"aws_eks_cluster": {"main": [object.union({"name": "main", "vpc_config": [{"subnet_ids": ["subnet-0a1b2c3d"]}]}, body)]}}}

test_no_encryption_config_denied if {
	r := rule.deny with input as cluster({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_eks_cluster", "main", 0]
}

test_encryption_config_secrets_allowed if {
	count(rule.deny) == 0 with input as cluster({"encryption_config": [{"resources": ["secrets"], "provider": [{"key_arn": "${aws_kms_key.eks.arn}"}]}]})
}

test_encryption_config_without_secrets_denied if {
	r := rule.deny with input as cluster({"encryption_config": [{"resources": ["configmaps"], "provider": [{"key_arn": "${aws_kms_key.eks.arn}"}]}]})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_eks_cluster", "main", 0, "encryption_config", 0, "resources"]
}

test_unresolved_resources_allowed if {
	count(rule.deny) == 0 with input as cluster({"encryption_config": [{"resources": "${var.encrypted_resources}", "provider": [{"key_arn": "${var.key_arn}"}]}]})
}

test_dynamic_encryption_config_allowed if {
	count(rule.deny) == 0 with input as cluster({"dynamic": {"encryption_config": [{"for_each": "${var.kms_key_arn != null ? [1] : []}", "content": [{"resources": ["secrets"]}]}]}})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_eks_cluster.main",
	"mode": "managed",
	"type": "aws_eks_cluster",
	"name": "main",
	"values": values,
}]}}}

test_plan_empty_encryption_config_denied if {
	count(rule.deny) == 1 with input as plan({"name": "main", "encryption_config": []})
}

test_plan_secrets_allowed if {
	count(rule.deny) == 0 with input as plan({"name": "main", "encryption_config": [{"resources": ["secrets"], "provider": [{}]}]})
}
