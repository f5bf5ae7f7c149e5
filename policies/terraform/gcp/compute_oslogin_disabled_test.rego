package tollgate.terraform.gcp.compute_oslogin_disabled_test

import data.tollgate.terraform.gcp.compute_oslogin_disabled as rule
import rego.v1

instance(metadata) := {"resource": {"google_compute_instance": {"app": [{"name": "app", "metadata": metadata}]}}}

test_instance_override_warned if {
	findings := rule.warn with input as instance({"enable-oslogin": "FALSE", "ssh-keys": "deploy:ssh-ed25519 AAAA deploy"})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_compute_instance", "app", 0, "metadata", "enable-oslogin"]
}

test_project_metadata_warned if {
	count(rule.warn) == 1 with input as {"resource": {"google_compute_project_metadata": {"p": [{"metadata": {"enable-oslogin": false}}]}}}
	findings := rule.warn with input as {"resource": {"google_compute_project_metadata_item": {"oslogin": [{"key": "enable-oslogin", "value": "false"}]}}}
	{f.path | some f in findings} == {["resource", "google_compute_project_metadata_item", "oslogin", 0, "value"]}
}

test_enabled_absent_or_unresolved_allowed if {
	count(rule.warn) == 0 with input as instance({"enable-oslogin": "TRUE"})
	count(rule.warn) == 0 with input as instance({})
	count(rule.warn) == 0 with input as instance({"enable-oslogin": "${var.oslogin}"})
	count(rule.warn) == 0 with input as {"resource": {"google_compute_project_metadata_item": {"x": [{"key": "serial-port-enable", "value": "FALSE"}]}}}
}

test_plan_warned if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_compute_project_metadata_item.oslogin",
		"mode": "managed",
		"type": "google_compute_project_metadata_item",
		"name": "oslogin",
		"values": {"key": "enable-oslogin", "value": "FALSE"},
	}]}}}
	{f.path | some f in rule.warn} == {["planned_values", "root_module", "resources", 0, "values", "value"]} with input as plan
}
