package tollgate.terraform.aws.kms_key_rotation_disabled_test

import data.tollgate.terraform.aws.kms_key_rotation_disabled as rule
import rego.v1

key(body) := {"resource": {"aws_kms_key": {"app": [object.union({"description": "app"}, body)]}}}

test_missing_rotation_denied if {
	r := rule.deny with input as key({})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_kms_key", "app", 0]
}

test_rotation_false_denied if {
	r := rule.deny with input as key({"enable_key_rotation": false, "customer_master_key_spec": "SYMMETRIC_DEFAULT"})
	count(r) == 1
	some f in r
	f.path == ["resource", "aws_kms_key", "app", 0, "enable_key_rotation"]
}

test_rotation_enabled_allowed if {
	count(rule.deny) == 0 with input as key({"enable_key_rotation": true, "rotation_period_in_days": 90})
}

test_unresolved_allowed if {
	count(rule.deny) == 0 with input as key({"enable_key_rotation": "${var.rotate}"})
}

test_asymmetric_and_hmac_keys_allowed if {
	count(rule.deny) == 0 with input as key({"customer_master_key_spec": "RSA_2048", "key_usage": "SIGN_VERIFY"})
	count(rule.deny) == 0 with input as key({"key_spec": "HMAC_256", "key_usage": "GENERATE_VERIFY_MAC"})
	count(rule.deny) == 0 with input as key({"customer_master_key_spec": "${var.spec}"})
}

test_custom_key_store_allowed if {
	count(rule.deny) == 0 with input as key({"custom_key_store_id": "cks-1234567890abcdef0"})
}

plan(values) := {"planned_values": {"root_module": {"resources": [{
	"address": "aws_kms_key.app",
	"mode": "managed",
	"type": "aws_kms_key",
	"name": "app",
	"values": values,
}]}}}

test_plan_rotation_false_denied if {
	r := rule.deny with input as plan({"customer_master_key_spec": "SYMMETRIC_DEFAULT", "enable_key_rotation": false, "custom_key_store_id": null})
	count(r) == 1
	some f in r
	f.path == ["planned_values", "root_module", "resources", 0, "values", "enable_key_rotation"]
}

test_plan_asymmetric_allowed if {
	count(rule.deny) == 0 with input as plan({"customer_master_key_spec": "ECC_NIST_P256", "enable_key_rotation": false})
}
