package tollgate.terraform.aws.s3_bucket_public_policy_test

import data.tollgate.terraform.aws.s3_bucket_public_policy as rule
import rego.v1

bucket_policy(policy) := {"resource": {"aws_s3_bucket_policy": {"site": [{"bucket": "${aws_s3_bucket.site.id}", "policy": policy}]}}}

public_read := json.marshal({"Version": "2012-10-17", "Statement": [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]})

test_jsonencode_principal_star_denied if {
	r := rule.deny with input as bucket_policy(public_read)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket_policy", "site", 0, "policy"]
}

test_heredoc_principal_aws_star_list_denied if {
	heredoc := `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]},
    "Action": ["s3:GetObject", "s3:ListBucket"],
    "Resource": ["${aws_s3_bucket.site.arn}", "${aws_s3_bucket.site.arn}/*"]
  }
}`
	count(rule.deny) == 1 with input as bucket_policy(heredoc)
}

test_legacy_inline_policy_denied if {
	count(rule.deny) == 1 with input as {"resource": {"aws_s3_bucket": {"site": [{"bucket": "site", "policy": public_read}]}}}
}

test_condition_allowed if {
	p := json.marshal({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]})
	count(rule.deny) == 0 with input as bucket_policy(p)
}

test_deny_statement_allowed if {
	p := json.marshal({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::site/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::site"}]})
	count(rule.deny) == 0 with input as bucket_policy(p)
}

test_named_principal_allowed if {
	p := json.marshal({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]})
	count(rule.deny) == 0 with input as bucket_policy(p)
}

test_unresolved_policy_allowed if {
	count(rule.deny) == 0 with input as bucket_policy("${jsonencode(local.policy)}")
	count(rule.deny) == 0 with input as bucket_policy("${var.policy}")
}

document(statement) := {"aws_iam_policy_document": {"site": [{"statement": [statement]}]}}

test_data_source_in_other_file_denied if {
	doc := document({"actions": ["s3:GetObject"], "resources": ["${aws_s3_bucket.site.arn}/*"], "principals": [{"type": "*", "identifiers": ["*"]}]})
	r := rule.deny with input as bucket_policy("${data.aws_iam_policy_document.site.json}")
		with data.tollgate.module as {"data": doc}
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket_policy", "site", 0, "policy"]
}

test_data_source_in_same_file_aws_star_denied if {
	doc := document({"effect": "Allow", "actions": ["s3:GetObject"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": ["*"]}]})
	inp := object.union(bucket_policy("${data.aws_iam_policy_document.site.json}"), {"data": doc})
	count(rule.deny) == 1 with input as inp with data.tollgate.module as inp
}

test_data_source_with_condition_allowed if {
	doc := document({"actions": ["s3:GetObject"], "resources": ["*"], "principals": [{"type": "*", "identifiers": ["*"]}], "condition": [{"test": "StringEquals", "variable": "aws:PrincipalOrgID", "values": ["o-abc123"]}]})
	count(rule.deny) == 0 with input as bucket_policy("${data.aws_iam_policy_document.site.json}") with data.tollgate.module as {"data": doc}
}

test_data_source_service_principal_allowed if {
	doc := document({"actions": ["s3:GetObject"], "resources": ["*"], "principals": [{"type": "Service", "identifiers": ["cloudfront.amazonaws.com"]}]})
	count(rule.deny) == 0 with input as bucket_policy("${data.aws_iam_policy_document.site.json}") with data.tollgate.module as {"data": doc}
}

test_data_source_missing_allowed if {
	count(rule.deny) == 0 with input as bucket_policy("${data.aws_iam_policy_document.other.json}") with data.tollgate.module as {}
}

test_plan_public_policy_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "aws_s3_bucket_policy.site",
		"mode": "managed",
		"type": "aws_s3_bucket_policy",
		"name": "site",
		"values": {"bucket": "site", "policy": public_read},
	}]}}}
	r := rule.deny with input as plan
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "policy"]
}

# A statement whose conditions come from a dynamic block (e.g. restricting to VPC endpoints given by the
# caller) is not judged; with a for_each known to be empty it has no condition.
test_data_source_with_dynamic_condition_allowed if {
	doc := document({"actions": ["s3:GetObject"], "resources": ["*"], "principals": [{"type": "*", "identifiers": ["*"]}], "dynamic": {"condition": [{
		"for_each": "${length(var.vpce_ids) > 0 ? [var.vpce_ids] : []}",
		"content": [{"test": "StringEquals", "variable": "aws:SourceVpce", "values": "${condition.value}"}],
	}]}})
	count(rule.deny) == 0 with input as bucket_policy("${data.aws_iam_policy_document.site.json}") with data.tollgate.module as {"data": doc}
}

test_data_source_with_empty_dynamic_condition_denied if {
	doc := document({"actions": ["s3:GetObject"], "resources": ["*"], "principals": [{"type": "*", "identifiers": ["*"]}], "dynamic": {"condition": [{
		"for_each": [],
		"content": [{"test": "StringEquals", "variable": "aws:SourceVpce", "values": "${condition.value}"}],
	}]}})
	count(rule.deny) == 1 with input as bucket_policy("${data.aws_iam_policy_document.site.json}") with data.tollgate.module as {"data": doc}
}
