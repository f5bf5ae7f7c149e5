package tollgate.terraform.gcp.kms_key_rotation_test

import data.tollgate.terraform.gcp.kms_key_rotation as rule
import rego.v1

key(body) := {"resource": {"google_kms_crypto_key": {"data": [object.union({"name": "data", "key_ring": "${google_kms_key_ring.main.id}"}, body)]}}}

test_missing_rotation_denied_on_resource if {
	findings := rule.deny with input as key({})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_kms_crypto_key", "data", 0]
}

test_long_rotation_denied if {
	findings := rule.deny with input as key({"rotation_period": "31536000s"})
	{f.path | some f in findings} == {["resource", "google_kms_crypto_key", "data", 0, "rotation_period"]}
}

test_ninety_days_or_less_allowed if {
	count(rule.deny) == 0 with input as key({"rotation_period": "7776000s"})
	count(rule.deny) == 0 with input as key({"rotation_period": "2592000s", "purpose": "ENCRYPT_DECRYPT"})
}

test_unresolved_allowed if {
	count(rule.deny) == 0 with input as key({"rotation_period": "${var.rotation_period}"})
}

test_non_rotatable_keys_ignored if {
	count(rule.deny) == 0 with input as key({"purpose": "ASYMMETRIC_SIGN"})
	count(rule.deny) == 0 with input as key({"purpose": "MAC"})
	count(rule.deny) == 0 with input as key({"import_only": true})
	count(rule.deny) == 0 with input as key({"version_template": [{"algorithm": "EXTERNAL_SYMMETRIC_ENCRYPTION", "protection_level": "EXTERNAL_VPC"}]})
}

test_plan_missing_rotation_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_kms_crypto_key.data",
		"mode": "managed",
		"type": "google_kms_crypto_key",
		"name": "data",
		"values": {"name": "data", "purpose": "ENCRYPT_DECRYPT", "rotation_period": null, "import_only": false},
	}]}}}
	{f.path | some f in rule.deny} == {["planned_values", "root_module", "resources", 0, "values"]} with input as plan
}

test_plan_rotation_known_after_apply_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_kms_crypto_key.data",
		"mode": "managed",
		"type": "google_kms_crypto_key",
		"name": "data",
		"values": {"name": "data", "purpose": "ENCRYPT_DECRYPT", "import_only": false},
	}]}}}
	count(rule.deny) == 0 with input as plan
}
