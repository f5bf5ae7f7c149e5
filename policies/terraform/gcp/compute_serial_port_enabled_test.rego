package tollgate.terraform.gcp.compute_serial_port_enabled_test

import data.tollgate.terraform.gcp.compute_serial_port_enabled
import rego.v1

instance(metadata) := {"resource": {"google_compute_instance": {"app": [{"name": "app", "machine_type": "e2-small", "metadata": metadata}]}}}

test_instance_serial_port_denied if {
	findings := compute_serial_port_enabled.deny with input as instance({"serial-port-enable": "TRUE"})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_compute_instance", "app", 0, "metadata", "serial-port-enable"]
}

test_boolean_and_numeric_forms_denied if {
	count(compute_serial_port_enabled.deny) == 1 with input as instance({"serial-port-enable": true})
	count(compute_serial_port_enabled.deny) == 1 with input as instance({"serial-port-enable": "1"})
}

test_disabled_or_absent_allowed if {
	count(compute_serial_port_enabled.deny) == 0 with input as instance({"serial-port-enable": "FALSE"})
	count(compute_serial_port_enabled.deny) == 0 with input as instance({"enable-oslogin": "TRUE"})
	count(compute_serial_port_enabled.deny) == 0 with input as {"resource": {"google_compute_instance": {"app": [{"name": "app"}]}}}
}

test_unresolved_allowed if {
	count(compute_serial_port_enabled.deny) == 0 with input as instance({"serial-port-enable": "${var.serial_console}"})
	count(compute_serial_port_enabled.deny) == 0 with input as instance("${local.metadata}")
}

test_template_and_project_metadata_denied if {
	count(compute_serial_port_enabled.deny) == 1 with input as {"resource": {"google_compute_instance_template": {"t": [{"metadata": {"serial-port-enable": "true"}}]}}}
	count(compute_serial_port_enabled.deny) == 1 with input as {"resource": {"google_compute_project_metadata": {"p": [{"metadata": {"serial-port-enable": "TRUE"}}]}}}
}

test_project_metadata_item_denied if {
	findings := compute_serial_port_enabled.deny with input as {"resource": {"google_compute_project_metadata_item": {"serial": [{"key": "serial-port-enable", "value": "TRUE"}]}}}
	{f.path | some f in findings} == {["resource", "google_compute_project_metadata_item", "serial", 0, "value"]}
	count(compute_serial_port_enabled.deny) == 0 with input as {"resource": {"google_compute_project_metadata_item": {"oslogin": [{"key": "enable-oslogin", "value": "TRUE"}]}}}
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_compute_instance.app",
		"mode": "managed",
		"type": "google_compute_instance",
		"name": "app",
		"values": {"name": "app", "metadata": {"serial-port-enable": "TRUE"}},
	}]}}}
	findings := compute_serial_port_enabled.deny with input as plan
	{f.path | some f in findings} == {["planned_values", "root_module", "resources", 0, "values", "metadata", "serial-port-enable"]}
}
