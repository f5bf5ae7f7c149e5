package tollgate.terraform.gcp.compute_ip_forwarding_test

import data.tollgate.terraform.gcp.compute_ip_forwarding as rule
import rego.v1

instance(body) := {"resource": {"google_compute_instance": {"nat": [object.union({"name": "nat", "machine_type": "e2-small"}, body)]}}}

test_ip_forwarding_warned if {
	findings := rule.warn with input as instance({"can_ip_forward": true})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_compute_instance", "nat", 0, "can_ip_forward"]
}

test_string_true_warned if {
	count(rule.warn) == 1 with input as instance({"can_ip_forward": "true"})
}

test_disabled_absent_or_unresolved_allowed if {
	count(rule.warn) == 0 with input as instance({"can_ip_forward": false})
	count(rule.warn) == 0 with input as instance({})
	count(rule.warn) == 0 with input as instance({"can_ip_forward": "${var.is_router}"})
}

test_template_warned if {
	count(rule.warn) == 1 with input as {"resource": {"google_compute_region_instance_template": {"t": [{"can_ip_forward": true}]}}}
}

test_plan_warned if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_compute_instance.nat",
		"mode": "managed",
		"type": "google_compute_instance",
		"name": "nat",
		"values": {"name": "nat", "can_ip_forward": true},
	}]}}}
	{f.path | some f in rule.warn} == {["planned_values", "root_module", "resources", 0, "values", "can_ip_forward"]} with input as plan
}
