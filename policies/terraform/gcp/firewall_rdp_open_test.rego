package tollgate.terraform.gcp.firewall_rdp_open_test

import data.tollgate.terraform.gcp.firewall_rdp_open
import rego.v1

fw(body) := {"resource": {"google_compute_firewall": {"rdp": [object.union({"name": "allow-rdp", "network": "default"}, body)]}}}

test_rdp_from_anywhere_denied if {
	findings := firewall_rdp_open.deny with input as fw({"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["3389"]}]})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_compute_firewall", "rdp", 0, "source_ranges"]
}

test_ipv6_anywhere_denied if {
	count(firewall_rdp_open.deny) == 1 with input as fw({"source_ranges": ["::/0"], "allow": [{"protocol": "tcp", "ports": ["443", "3389"]}]})
}

test_port_range_denied if {
	count(firewall_rdp_open.deny) == 1 with input as fw({"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["3000-3999"]}]})
}

test_numeric_port_denied if {
	count(firewall_rdp_open.deny) == 1 with input as fw({"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": [3389]}]})
}

test_tcp_without_ports_denied if {
	count(firewall_rdp_open.deny) == 1 with input as fw({"source_ranges": ["10.0.0.0/8", "0.0.0.0/0"], "allow": [{"protocol": "tcp"}]})
}

test_all_protocols_denied if {
	count(firewall_rdp_open.deny) == 1 with input as fw({"direction": "INGRESS", "source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "all"}]})
}

test_second_allow_block_denied_once if {
	count(firewall_rdp_open.deny) == 1 with input as fw({"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "icmp"}, {"protocol": "tcp", "ports": ["3389"]}, {"protocol": "tcp"}]})
}

test_other_port_allowed if {
	count(firewall_rdp_open.deny) == 0 with input as fw({"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["80", "443", "8000-8080"]}]})
}

test_udp_allowed if {
	count(firewall_rdp_open.deny) == 0 with input as fw({"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "udp", "ports": ["3389"]}]})
}

test_restricted_source_allowed if {
	count(firewall_rdp_open.deny) == 0 with input as fw({"source_ranges": ["35.235.240.0/20"], "allow": [{"protocol": "tcp", "ports": ["3389"]}]})
}

test_source_tags_only_allowed if {
	count(firewall_rdp_open.deny) == 0 with input as fw({"source_tags": ["bastion"], "allow": [{"protocol": "tcp", "ports": ["3389"]}]})
}

test_egress_allowed if {
	count(firewall_rdp_open.deny) == 0 with input as fw({"direction": "EGRESS", "destination_ranges": ["0.0.0.0/0"], "source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["3389"]}]})
}

test_deny_rule_allowed if {
	count(firewall_rdp_open.deny) == 0 with input as fw({"source_ranges": ["0.0.0.0/0"], "deny": [{"protocol": "tcp", "ports": ["3389"]}]})
}

test_disabled_rule_allowed if {
	count(firewall_rdp_open.deny) == 0 with input as fw({"disabled": true, "source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["3389"]}]})
}

test_unresolved_source_ranges_allowed if {
	count(firewall_rdp_open.deny) == 0 with input as fw({"source_ranges": "${var.rdp_ranges}", "allow": [{"protocol": "tcp", "ports": ["3389"]}]})
}

test_unresolved_ports_allowed if {
	count(firewall_rdp_open.deny) == 0 with input as fw({"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": "${var.ports}"}]})
}

test_dynamic_allow_known_content_denied if {
	count(firewall_rdp_open.deny) == 1 with input as fw({"source_ranges": ["0.0.0.0/0"], "dynamic": {"allow": [{"for_each": "${var.rules}", "content": [{"protocol": "tcp", "ports": ["3389"]}]}]}})
}

test_dynamic_allow_unresolved_content_allowed if {
	count(firewall_rdp_open.deny) == 0 with input as fw({"source_ranges": ["0.0.0.0/0"], "dynamic": {"allow": [{"for_each": "${var.rules}", "content": [{"protocol": "${allow.value.protocol}", "ports": "${allow.value.ports}"}]}]}})
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_compute_firewall.rdp",
		"mode": "managed",
		"type": "google_compute_firewall",
		"name": "rdp",
		"values": {
			"name": "allow-rdp", "network": "default", "direction": "INGRESS", "disabled": false,
			"source_ranges": ["0.0.0.0/0"], "source_tags": null, "deny": [],
			"allow": [{"protocol": "tcp", "ports": ["3389"]}],
		},
	}]}}}
	findings := firewall_rdp_open.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "source_ranges"]
}

test_odd_types_no_error if {
	count(firewall_rdp_open.deny) == 0 with input as fw({"direction": 1, "source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": 6, "ports": [{"a": 1}]}]})
	count(firewall_rdp_open.deny) == 0 with input as fw({"source_ranges": ["0.0.0.0/0"], "allow": "${var.allow}", "dynamic": "x"})
}

# A dynamic allow behind a toggle whose default is off: the for_each is known to be empty.
test_dynamic_allow_with_empty_for_each_allowed if {
	count(firewall_rdp_open.deny) == 0 with input as fw({"source_ranges": ["0.0.0.0/0"], "dynamic": {"allow": [{"for_each": [], "content": [{"protocol": "tcp", "ports": ["3389"]}]}]}})
	count(firewall_rdp_open.deny) == 0 with input as fw({"source_ranges": ["0.0.0.0/0"], "dynamic": {"allow": [{"for_each": {}, "content": [{"protocol": "tcp", "ports": ["3389"]}]}]}})
}

test_dynamic_allow_with_known_for_each_denied if {
	count(firewall_rdp_open.deny) == 1 with input as fw({"source_ranges": ["0.0.0.0/0"], "dynamic": {"allow": [{"for_each": ["3389"], "content": [{"protocol": "tcp", "ports": ["3389"]}]}]}})
}
