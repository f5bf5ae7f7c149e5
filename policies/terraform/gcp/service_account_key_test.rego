package tollgate.terraform.gcp.service_account_key_test

import data.tollgate.terraform.gcp.service_account_key as rule
import rego.v1

key(body) := {"resource": {"google_service_account_key": {"ci": [object.union({"service_account_id": "${google_service_account.ci.name}"}, body)]}}}

test_generated_key_warned_on_resource if {
	findings := rule.warn with input as key({})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_service_account_key", "ci", 0]
	contains(f.msg, "Terraform state")
}

test_uploaded_key_warned_on_public_key if {
	findings := rule.warn with input as key({"public_key_data": "${filebase64(\"ci.pub\")}"})
	{f.path | some f in findings} == {["resource", "google_service_account_key", "ci", 0, "public_key_data"]}
}

test_other_resources_ignored if {
	count(rule.warn) == 0 with input as {"resource": {"google_service_account": {"ci": [{"account_id": "ci"}]}}}
}

test_plan_warned if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_service_account_key.ci",
		"mode": "managed",
		"type": "google_service_account_key",
		"name": "ci",
		"values": {"service_account_id": "projects/p/serviceAccounts/ci@p.iam.gserviceaccount.com", "key_algorithm": "KEY_ALG_RSA_2048"},
	}]}}}
	{f.path | some f in rule.warn} == {["planned_values", "root_module", "resources", 0, "values"]} with input as plan
}
