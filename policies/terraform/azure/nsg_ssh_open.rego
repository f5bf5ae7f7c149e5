# METADATA
# title: Network security group allows SSH from the internet
# description: >-
#   An inbound Allow rule for TCP port 22 whose source is `*`, `Internet`, `Any` or `0.0.0.0/0` exposes
#   SSH on every VM behind the network security group to the whole internet, where it is scanned and
#   brute-forced within minutes.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview
#   - ref: https://learn.microsoft.com/en-us/azure/bastion/bastion-overview
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_rule
# custom:
#   id: TG-AZU-NET-001
#   severity: critical
#   enforcement: block
#   remediation: |
#     Allow SSH only from known address ranges (or use Azure Bastion / just-in-time VM access):
#
#         security_rule {
#           name                       = "allow-ssh-from-office"
#           priority                   = 100
#           direction                  = "Inbound"
#           access                     = "Allow"
#           protocol                   = "Tcp"
#           source_port_range          = "*"
#           destination_port_range     = "22"
#           source_address_prefix      = "203.0.113.0/24"
#           destination_address_prefix = "*"
#         }
#   frameworks:
#     - CIS Microsoft Azure Foundations Benchmark v3.0.0 7.2
#   resource_types: [azurerm_network_security_group, azurerm_network_security_rule]
package tollgate.terraform.azure.nsg_ssh_open

import data.tollgate.lib.terraform as tf
import rego.v1

port := 22

service := "SSH"

open_sources := {"*", "0.0.0.0/0", "::/0", "internet", "any"}

# Inline rules of a network security group ("security_rule" blocks or a list of objects), and
# standalone azurerm_network_security_rule resources: {"rule", "path", "label"}.
rules contains {"rule": rule, "path": array.concat(r.path, ["security_rule", i]), "label": sprintf("Security rule `%s` in `%s`", [rule_name(rule), r.address])} if {
	some r in tf.resources_of("azurerm_network_security_group")
	is_array(r.body.security_rule)
	some i, rule in r.body.security_rule
	is_object(rule)
}

# Content of a dynamic "security_rule" block, when its values are known.
rules contains {"rule": rule, "path": array.concat(r.path, ["dynamic", "security_rule", i, "content", j]), "label": sprintf("Security rule `%s` in `%s`", [rule_name(rule), r.address])} if {
	some r in tf.resources_of("azurerm_network_security_group")
	is_object(r.body.dynamic)
	is_array(r.body.dynamic.security_rule)
	some i, d in r.body.dynamic.security_rule
	is_object(d)
	not generates_nothing(d)
	is_array(d.content)
	some j, rule in d.content
	is_object(rule)
}

rules contains {"rule": r.body, "path": r.path, "label": sprintf("Network security rule `%s`", [r.address])} if {
	some r in tf.resources_of("azurerm_network_security_rule")
}

# A dynamic block whose `for_each` is known to be empty (`var.enabled ? [1] : []` with the default
# false) generates nothing.
generates_nothing(d) if d.for_each == []

generates_nothing(d) if d.for_each == {}

rule_name(rule) := rule.name if {
	is_string(rule.name)
	tf.is_known(rule.name)
}

rule_name(rule) := "?" if not is_string(rule.name)

rule_name(rule) := "?" if tf.is_unknown(rule.name)

lower_eq(v, s) if {
	is_string(v)
	lower(v) == s
}

open_source(v) if {
	is_string(v)
	lower(v) in open_sources
}

covers(p, n) if tf.to_num(p) == n

covers(p, _) if p == "*"

covers(p, n) if {
	is_string(p)
	regex.match(`^\s*[0-9]+\s*-\s*[0-9]+\s*$`, p)
	bounds := split(replace(p, " ", ""), "-")
	to_number(bounds[0]) <= n
	to_number(bounds[1]) >= n
}

opens_port(rule, n) if covers(rule.destination_port_range, n)

opens_port(rule, n) if {
	is_array(rule.destination_port_ranges)
	some p in rule.destination_port_ranges
	covers(p, n)
}

inbound_tcp_allow(rule) if {
	lower_eq(rule.direction, "inbound")
	lower_eq(rule.access, "allow")
	some proto in {"tcp", "*"}
	lower_eq(rule.protocol, proto)
}

deny contains {
	"msg": sprintf("%s allows %s (%d) from `%s`", [x.label, service, port, x.rule.source_address_prefix]),
	"path": array.concat(x.path, ["source_address_prefix"]),
} if {
	some x in rules
	inbound_tcp_allow(x.rule)
	opens_port(x.rule, port)
	open_source(x.rule.source_address_prefix)
}

deny contains {
	"msg": sprintf("%s allows %s (%d) from %s", [x.label, service, port, concat(", ", [sprintf("`%s`", [s]) | some s in sort(sources)])]),
	"path": array.concat(x.path, ["source_address_prefixes"]),
} if {
	some x in rules
	inbound_tcp_allow(x.rule)
	opens_port(x.rule, port)
	is_array(x.rule.source_address_prefixes)
	sources := {s | some s in x.rule.source_address_prefixes; open_source(s)}
	count(sources) > 0
}
