# METADATA
# title: AWS security group helpers
# description: >-
#   Ingress from the whole internet in every form an AWS security group takes (inline `ingress` blocks,
#   `dynamic "ingress"` blocks, `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`), and
#   whether such an entry opens a port. One package for the rules on open ports: a rule's value is
#   computed once per document, so the rules share the work.
package tollgate.lib.terraform_aws_security_group

import data.tollgate.lib.terraform as tf
import rego.v1

world_cidrs := {"0.0.0.0/0", "::/0"}

# Ingress from the whole internet, one entry per attribute holding a world CIDR:
# {"what", "protocol", "from", "to", "cidr", "path"}.
open_ingress contains {"what": sprintf("Security group `%s`", [r.address]), "protocol": object.get(ing, "protocol", null), "from": object.get(ing, "from_port", null), "to": object.get(ing, "to_port", null), "cidr": cidr, "path": array.concat(r.path, ["ingress", i, attr])} if {
	some type in ["aws_security_group", "aws_default_security_group"]
	some r in tf.resources_of(type)
	some i, ing in blocks(r.body, "ingress")
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	cidr := world_cidr(ing[attr])
}

open_ingress contains {"what": sprintf("Security group `%s`", [r.address]), "protocol": object.get(ing, "protocol", null), "from": object.get(ing, "from_port", null), "to": object.get(ing, "to_port", null), "cidr": cidr, "path": array.concat(r.path, ["dynamic", "ingress", i, "content", j, attr])} if {
	some type in ["aws_security_group", "aws_default_security_group"]
	some r in tf.resources_of(type)
	is_object(r.body.dynamic)
	some i, dyn in blocks(r.body.dynamic, "ingress")
	not generates_nothing(dyn)
	some j, ing in blocks(dyn, "content")
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	cidr := world_cidr(ing[attr])
}

open_ingress contains {"what": sprintf("Security group rule `%s`", [r.address]), "protocol": object.get(r.body, "protocol", null), "from": object.get(r.body, "from_port", null), "to": object.get(r.body, "to_port", null), "cidr": cidr, "path": array.concat(r.path, [attr])} if {
	some r in tf.resources_of("aws_security_group_rule")
	r.body.type == "ingress"
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	cidr := world_cidr(r.body[attr])
}

open_ingress contains {"what": sprintf("Security group ingress rule `%s`", [r.address]), "protocol": object.get(r.body, "ip_protocol", null), "from": object.get(r.body, "from_port", null), "to": object.get(r.body, "to_port", null), "cidr": r.body[attr], "path": array.concat(r.path, [attr])} if {
	some r in tf.resources_of("aws_vpc_security_group_ingress_rule")
	some attr in ["cidr_ipv4", "cidr_ipv6"]
	r.body[attr] in world_cidrs
}

# A dynamic block whose `for_each` is known to be empty (`var.enabled ? [1] : []` with the default
# false) generates nothing.
generates_nothing(d) if d.for_each == []

generates_nothing(d) if d.for_each == {}

# The first world CIDR of a list of CIDR blocks.
world_cidr(cidrs) := matches[0] if {
	is_array(cidrs)
	matches := [cidr | some cidr in cidrs; cidr in world_cidrs]
	count(matches) > 0
}

# Protocol "-1" / "all" opens every protocol and port.
all_traffic(e) if e.protocol in {"-1", "all", -1}

protocol_name(p) := "tcp" if p in {"tcp", "TCP", "Tcp", "6", 6}

protocol_name(p) := "udp" if p in {"udp", "UDP", "Udp", "17", 17}

# The rule opens `port` for one of `protocols`.
opens(e, _, _) if all_traffic(e)

opens(e, port, protocols) if {
	protocol_name(e.protocol) in protocols
	tf.to_num(e.from) <= port
	port <= tf.to_num(e.to)
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
