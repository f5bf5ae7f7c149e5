package tollgate.terraform.aws.ecr_repository_policy_public_test

import data.tollgate.terraform.aws.ecr_repository_policy_public as rule
import rego.v1

res(type, attr, policy) := {"resource": {type: {"main": [{attr: policy}]}}}

public := json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage", "Resource": "*"}]})

test_principal_star_denied if {
	r := rule.deny with input as res("aws_ecr_repository_policy", "policy", public)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_ecr_repository_policy", "main", 0, "policy"]
}

test_principal_aws_star_in_list_denied if {
	p := json.marshal({"Statement": {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}, "Action": ["ecr:BatchGetImage"], "Resource": "*"}})
	count(rule.deny) == 1 with input as res("aws_ecr_repository_policy", "policy", p)
}

test_condition_allowed if {
	p := json.marshal({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "ecr:BatchGetImage", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]})
	count(rule.deny) == 0 with input as res("aws_ecr_repository_policy", "policy", p)
}

test_named_principal_and_deny_allowed if {
	p := json.marshal({"Statement": [
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "ecr:BatchGetImage", "Resource": "*"},
		{"Effect": "Deny", "Principal": "*", "Action": "ecr:BatchGetImage", "Resource": "*"},
	]})
	count(rule.deny) == 0 with input as res("aws_ecr_repository_policy", "policy", p)
}

test_unresolved_allowed if {
	count(rule.deny) == 0 with input as res("aws_ecr_repository_policy", "policy", "${jsonencode(local.policy)}")
	count(rule.deny) == 0 with input as res("aws_ecr_repository_policy", "policy", "${var.policy}")
}

document(statement) := {"aws_iam_policy_document": {"main": [{"statement": [statement]}]}}

test_data_source_denied if {
	doc := document({"actions": ["ecr:BatchGetImage"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": ["*"]}]})
	r := rule.deny with input as res("aws_ecr_repository_policy", "policy", "${data.aws_iam_policy_document.main.json}")
		with data.tollgate.module as {"data": doc}
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_ecr_repository_policy", "main", 0, "policy"]
}

test_data_source_with_condition_or_service_allowed if {
	with_condition := document({"actions": ["ecr:BatchGetImage"], "resources": ["*"], "principals": [{"type": "*", "identifiers": ["*"]}], "condition": [{"test": "StringEquals", "variable": "aws:SourceAccount", "values": ["111122223333"]}]})
	count(rule.deny) == 0 with input as res("aws_ecr_repository_policy", "policy", "${data.aws_iam_policy_document.main.json}") with data.tollgate.module as {"data": with_condition}
	service := document({"actions": ["ecr:BatchGetImage"], "resources": ["*"], "principals": [{"type": "Service", "identifiers": ["events.amazonaws.com"]}]})
	count(rule.deny) == 0 with input as res("aws_ecr_repository_policy", "policy", "${data.aws_iam_policy_document.main.json}") with data.tollgate.module as {"data": service}
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "aws_ecr_repository_policy.main",
		"mode": "managed",
		"type": "aws_ecr_repository_policy",
		"name": "main",
		"values": {"policy": public},
	}]}}}
	r := rule.deny with input as plan
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "policy"]
}
