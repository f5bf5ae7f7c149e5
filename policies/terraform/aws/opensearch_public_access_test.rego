package tollgate.terraform.aws.opensearch_public_access_test

import data.tollgate.terraform.aws.opensearch_public_access as rule
import data.tollgate.lib.terraform as tf
import rego.v1

# The module's resources by type, as tollgate indexes them (`data.tollgate.module_resources`).
idx(mod) := {type: tf.block_resources_of(mod.resource, type) | some type, _ in object.get(mod, "resource", {})}

open_policy := json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": "arn:aws:es:eu-west-1:111122223333:domain/search/*"}]})

domain(body) := {"aws_opensearch_domain": {"search": [object.union({"domain_name": "search"}, body)]}}

test_public_domain_with_open_policy_denied if {
	mod := {"resource": domain({"access_policies": open_policy})}
	r := rule.deny with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_opensearch_domain", "search", 0, "access_policies"]
}

test_vpc_domain_allowed if {
	mod := {"resource": domain({"access_policies": open_policy, "vpc_options": [{"subnet_ids": ["subnet-1"], "security_group_ids": ["sg-1"]}]})}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_fine_grained_access_control_allowed if {
	mod := {"resource": domain({"access_policies": open_policy, "advanced_security_options": [{"enabled": true, "internal_user_database_enabled": true}]})}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
	disabled := {"resource": domain({"access_policies": open_policy, "advanced_security_options": [{"enabled": false}]})}
	count(rule.deny) == 1 with input as disabled with data.tollgate.module as disabled with data.tollgate.module_resources as idx(disabled)
}

test_ip_condition_and_named_principal_allowed if {
	ip := json.marshal({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}}]})
	mod := {"resource": domain({"access_policies": ip})}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
	named := json.marshal({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/indexer"}, "Action": "es:ESHttp*", "Resource": "*"}]})
	mod2 := {"resource": domain({"access_policies": named})}
	count(rule.deny) == 0 with input as mod2 with data.tollgate.module as mod2 with data.tollgate.module_resources as idx(mod2)
}

test_domain_policy_resource_denied if {
	mod := {"resource": object.union(domain({}), {"aws_opensearch_domain_policy": {"search": [{"domain_name": "${aws_opensearch_domain.search.domain_name}", "access_policies": open_policy}]}})}
	r := rule.deny with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_opensearch_domain_policy", "search", 0, "access_policies"]
}

test_domain_policy_of_unknown_domain_allowed if {
	mod := {"resource": {"aws_opensearch_domain_policy": {"search": [{"domain_name": "${var.domain_name}", "access_policies": open_policy}]}}}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_data_source_policy_denied if {
	mod := {
		"resource": domain({"access_policies": "${data.aws_iam_policy_document.search.json}"}),
		"data": {"aws_iam_policy_document": {"search": [{"statement": [{"actions": ["es:*"], "resources": ["*"], "principals": [{"type": "*", "identifiers": ["*"]}]}]}]}},
	}
	count(rule.deny) == 1 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_unresolved_allowed if {
	mod := {"resource": domain({"access_policies": "${var.access_policies}"})}
	count(rule.deny) == 0 with input as mod with data.tollgate.module as mod with data.tollgate.module_resources as idx(mod)
}

test_plan if {
	plan := {"planned_values": {"root_module": {"resources": [{"address": "aws_opensearch_domain.search", "mode": "managed", "type": "aws_opensearch_domain", "name": "search", "values": {"domain_name": "search", "access_policies": open_policy, "vpc_options": [], "advanced_security_options": [{"enabled": false}]}}]}}}
	r := rule.deny with input as plan
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "access_policies"]
}
