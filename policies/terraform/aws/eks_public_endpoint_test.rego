package tollgate.terraform.aws.eks_public_endpoint_test

import data.tollgate.terraform.aws.eks_public_endpoint as rule
import rego.v1

cluster(vpc) := {"resource": {"aws_eks_cluster": {"main": [{"name": "main", "role_arn": "${aws_iam_role.eks.arn}", "vpc_config": [object.union({"subnet_ids": ["subnet-0a1b2c3d"]}, vpc)]}]}}}

test_default_public_endpoint_denied if {
	r := rule.deny with input as cluster({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_eks_cluster", "main", 0, "vpc_config", 0]
}

test_explicit_public_without_cidrs_denied if {
	r := rule.deny with input as cluster({"endpoint_public_access": true, "endpoint_private_access": true})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_eks_cluster", "main", 0, "vpc_config", 0, "endpoint_public_access"]
}

test_world_cidr_denied if {
	r := rule.deny with input as cluster({"endpoint_public_access": true, "public_access_cidrs": ["0.0.0.0/0"]})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_eks_cluster", "main", 0, "vpc_config", 0, "public_access_cidrs"]
}

test_restricted_cidrs_allowed if {
	count(rule.deny) == 0 with input as cluster({"endpoint_public_access": true, "public_access_cidrs": ["203.0.113.0/24"]})
}

test_private_only_allowed if {
	count(rule.deny) == 0 with input as cluster({"endpoint_private_access": true, "endpoint_public_access": false})
}

test_unresolved_allowed if {
	count(rule.deny) == 0 with input as cluster({"endpoint_public_access": "${var.public}"})
	count(rule.deny) == 0 with input as cluster({"endpoint_public_access": true, "public_access_cidrs": "${var.api_cidrs}"})
}

plan(vpc) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_eks_cluster.main",
	"mode": "managed",
	"type": "aws_eks_cluster",
	"name": "main",
	"values": {"name": "main", "vpc_config": [vpc]},
}]}}}

test_plan_world_cidr_denied if {
	r := rule.deny with input as plan({"endpoint_private_access": false, "endpoint_public_access": true, "public_access_cidrs": ["0.0.0.0/0"], "subnet_ids": ["subnet-0a1b2c3d"]})
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "vpc_config", 0, "public_access_cidrs"]
}

test_plan_unknown_cidrs_allowed if {
	count(rule.deny) == 0 with input as plan({"endpoint_private_access": true, "endpoint_public_access": true, "subnet_ids": ["subnet-0a1b2c3d"]})
}
