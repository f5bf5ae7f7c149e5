package tollgate.terraform.azure.nsg_rdp_open_test

import data.tollgate.terraform.azure.nsg_rdp_open
import rego.v1

base := {
	"name": "allow-rdp",
	"priority": 100,
	"direction": "Inbound",
	"access": "Allow",
	"protocol": "Tcp",
	"source_port_range": "*",
	"destination_port_range": "3389",
	"source_address_prefix": "*",
	"destination_address_prefix": "*",
}

nsg(rule) := {"resource": {"azurerm_network_security_group": {"web": [{"name": "nsg-web", "security_rule": [
	object.union(base, {"name": "allow-https", "priority": 90, "destination_port_range": "443"}),
	rule,
]}]}}}

standalone(rule) := {"resource": {"azurerm_network_security_rule": {"rdp": [object.union(rule, {"network_security_group_name": "nsg-web"})]}}}

test_inline_rule_any_source_denied if {
	findings := nsg_rdp_open.deny with input as nsg(base)
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_network_security_group", "web", 0, "security_rule", 1, "source_address_prefix"]
}

test_internet_tag_denied if {
	count(nsg_rdp_open.deny) == 1 with input as nsg(object.union(base, {"source_address_prefix": "Internet"}))
}

test_cidr_any_denied if {
	count(nsg_rdp_open.deny) == 1 with input as nsg(object.union(base, {"source_address_prefix": "0.0.0.0/0"}))
}

test_wildcard_port_and_protocol_denied if {
	count(nsg_rdp_open.deny) == 1 with input as nsg(object.union(base, {"protocol": "*", "destination_port_range": "*"}))
}

test_port_range_denied if {
	count(nsg_rdp_open.deny) == 1 with input as nsg(object.union(base, {"destination_port_range": "3000-3999"}))
}

test_port_ranges_list_denied if {
	rule := json.remove(object.union(base, {"destination_port_ranges": ["80", "443", "3389"]}), ["destination_port_range"])
	count(nsg_rdp_open.deny) == 1 with input as nsg(rule)
}

test_source_prefixes_list_denied_on_list if {
	rule := json.remove(object.union(base, {"source_address_prefixes": ["10.0.0.0/8", "0.0.0.0/0"]}), ["source_address_prefix"])
	findings := nsg_rdp_open.deny with input as nsg(rule)
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_network_security_group", "web", 0, "security_rule", 1, "source_address_prefixes"]
}

test_standalone_rule_denied if {
	findings := nsg_rdp_open.deny with input as standalone(base)
	count(findings) == 1
	some f in findings
	f.path == ["resource", "azurerm_network_security_rule", "rdp", 0, "source_address_prefix"]
}

test_restricted_source_allowed if {
	count(nsg_rdp_open.deny) == 0 with input as nsg(object.union(base, {"source_address_prefix": "203.0.113.0/24"}))
}

test_virtual_network_source_allowed if {
	count(nsg_rdp_open.deny) == 0 with input as nsg(object.union(base, {"source_address_prefix": "VirtualNetwork"}))
}

test_deny_rule_allowed if {
	count(nsg_rdp_open.deny) == 0 with input as nsg(object.union(base, {"access": "Deny"}))
}

test_outbound_allowed if {
	count(nsg_rdp_open.deny) == 0 with input as nsg(object.union(base, {"direction": "Outbound"}))
}

test_udp_allowed if {
	count(nsg_rdp_open.deny) == 0 with input as nsg(object.union(base, {"protocol": "Udp"}))
}

test_other_port_allowed if {
	count(nsg_rdp_open.deny) == 0 with input as nsg(object.union(base, {"destination_port_range": "8000-8080"}))
}

test_unresolved_values_allowed if {
	count(nsg_rdp_open.deny) == 0 with input as nsg(object.union(base, {"source_address_prefix": "${var.admin_cidr}"}))
	count(nsg_rdp_open.deny) == 0 with input as nsg(object.union(base, {"destination_port_range": "${var.port}"}))
	count(nsg_rdp_open.deny) == 0 with input as nsg(object.union(base, {"source_address_prefixes": "${var.cidrs}", "source_address_prefix": null}))
}

test_dynamic_rule_with_unresolved_content_allowed if {
	doc := {"resource": {"azurerm_network_security_group": {"web": [{"name": "nsg-web", "dynamic": {"security_rule": [{
		"for_each": "${var.rules}",
		"content": [{"name": "${security_rule.value.name}", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "destination_port_range": "${security_rule.value.port}", "source_address_prefix": "*"}],
	}]}}]}}}
	count(nsg_rdp_open.deny) == 0 with input as doc
}

test_odd_types_no_error if {
	count(nsg_rdp_open.deny) == 0 with input as nsg({"direction": 1, "access": true, "protocol": ["Tcp"], "destination_port_range": {"a": 22}, "source_address_prefix": 5})
	count(nsg_rdp_open.deny) == 0 with input as {"resource": {"azurerm_network_security_group": {"web": [{"security_rule": "${local.rules}", "dynamic": "x"}]}}}
}

test_plan_denied if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "azurerm_network_security_group.web",
		"mode": "managed",
		"type": "azurerm_network_security_group",
		"name": "web",
		"values": {"name": "nsg-web", "security_rule": [object.union(base, {
			"description": "",
			"destination_address_prefixes": [],
			"destination_port_ranges": [],
			"source_address_prefixes": [],
			"source_port_ranges": [],
		})]},
	}]}}}
	findings := nsg_rdp_open.deny with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values", "security_rule", 0, "source_address_prefix"]
}

# A dynamic rule behind a toggle whose default is off: the for_each is known to be empty.
dynamic_nsg(for_each) := {"resource": {"azurerm_network_security_group": {"web": [{"name": "nsg-web", "dynamic": {"security_rule": [{
	"for_each": for_each,
	"content": [base],
}]}}]}}}

test_dynamic_rule_with_empty_for_each_allowed if {
	count(nsg_rdp_open.deny) == 0 with input as dynamic_nsg([])
	count(nsg_rdp_open.deny) == 0 with input as dynamic_nsg({})
}

test_dynamic_rule_with_possible_for_each_denied if {
	count(nsg_rdp_open.deny) == 1 with input as dynamic_nsg([1])
	count(nsg_rdp_open.deny) == 1 with input as dynamic_nsg("${var.enabled ? [1] : []}")
}
