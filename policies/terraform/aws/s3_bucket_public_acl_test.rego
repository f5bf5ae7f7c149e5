package tollgate.terraform.aws.s3_bucket_public_acl_test

import data.tollgate.terraform.aws.s3_bucket_public_acl as rule
import rego.v1

cfg(type, body) := {"resource": {type: {"site": [body]}}}

test_inline_public_read_acl_denied if {
	r := rule.deny with input as cfg("aws_s3_bucket", {"bucket": "site", "acl": "public-read"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket", "site", 0, "acl"]
}

test_bucket_acl_resource_public_read_write_denied if {
	count(rule.deny) == 1 with input as cfg("aws_s3_bucket_acl", {"bucket": "${aws_s3_bucket.site.id}", "acl": "public-read-write"})
}

test_authenticated_read_denied if {
	count(rule.deny) == 1 with input as cfg("aws_s3_bucket_acl", {"bucket": "site", "acl": "authenticated-read"})
}

test_all_users_grant_denied if {
	body := {
		"bucket": "${aws_s3_bucket.site.id}",
		"access_control_policy": [{
			"grant": [
				{"grantee": [{"id": "${data.aws_canonical_user_id.current.id}", "type": "CanonicalUser"}], "permission": "FULL_CONTROL"},
				{"grantee": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"}], "permission": "READ"},
			],
			"owner": [{"id": "${data.aws_canonical_user_id.current.id}"}],
		}],
	}
	r := rule.deny with input as cfg("aws_s3_bucket_acl", body)
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_s3_bucket_acl", "site", 0, "access_control_policy", 0, "grant", 1, "grantee", 0, "uri"]
}

test_legacy_inline_grant_authenticated_users_denied if {
	body := {"bucket": "site", "grant": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", "permissions": ["READ", "WRITE"]}]}
	count(rule.deny) == 1 with input as cfg("aws_s3_bucket", body)
}

test_log_delivery_grant_allowed if {
	body := {"bucket": "${aws_s3_bucket.site.id}", "access_control_policy": [{"grant": [{"grantee": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/s3/LogDelivery"}], "permission": "WRITE"}]}]}
	count(rule.deny) == 0 with input as cfg("aws_s3_bucket_acl", body)
}

test_private_acl_allowed if {
	count(rule.deny) == 0 with input as cfg("aws_s3_bucket_acl", {"bucket": "site", "acl": "private"})
	count(rule.deny) == 0 with input as cfg("aws_s3_bucket", {"bucket": "site", "acl": "log-delivery-write"})
}

test_unresolved_acl_allowed if {
	count(rule.deny) == 0 with input as cfg("aws_s3_bucket_acl", {"bucket": "site", "acl": "${var.acl}"})
}

test_no_acl_allowed if {
	count(rule.deny) == 0 with input as cfg("aws_s3_bucket", {"bucket": "site"})
}

test_plan_public_acl_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "aws_s3_bucket_acl.site",
		"mode": "managed",
		"type": "aws_s3_bucket_acl",
		"name": "site",
		"values": {"bucket": "site", "acl": "public-read", "access_control_policy": []},
	}]}}}
	r := rule.deny with input as plan
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "acl"]
}

test_plan_private_acl_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "aws_s3_bucket_acl.site",
		"mode": "managed",
		"type": "aws_s3_bucket_acl",
		"name": "site",
		"values": {"bucket": "site", "acl": "private"},
	}]}}}
	count(rule.deny) == 0 with input as plan
}
