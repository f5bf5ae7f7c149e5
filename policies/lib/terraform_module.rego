# METADATA
# title: Terraform module helpers
# description: >-
#   Resources of the whole module a Terraform document belongs to (all files of its directory,
#   `data.tollgate.module`), for rules that relate resources across files. Findings still go on the
#   document being judged (`tollgate.lib.terraform.resources`).
package tollgate.lib.terraform_module

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform.resources
import rego.v1

# Every managed resource of the whole module the document belongs to (all files of its directory);
# for plan input, the plan itself. Use it to relate resources across files; report on `resources`.
module_resources := [r |
	some _, list in _module_index
	some r in list
] if {
	not is_object(input.planned_values)
} else := resources

# Indexed by type, like `tf.resources_of`. tollgate builds the index once per module
# (`data.tollgate.module_resources`): building it in Rego for every document made a module of
# thousands of resources quadratic.
module_resources_of(type) := object.get(_module_index, type, []) if {
	not is_object(input.planned_values)
} else := tf.resources_of(type)

_module_index := i if {
	i := data.tollgate.module_resources
	is_object(i)
} else := {type: tf.block_resources_of(_module_block, type) | some type, _ in _module_block}

# Without tollgate's index (Rego unit tests that set `data.tollgate.module`), built here.
_module_block := b if {
	b := data.tollgate.module.resource
	is_object(b)
} else := {}

# Does a resource of `type` in the module configure resource `r` through its attribute `attr`? It does
# when the attribute refers to `r` (`aws_s3_bucket.b.id`, `aws_s3_bucket.b[0].id`, `aws_s3_bucket.b.*.id`,
# in a conditional or `try()`), repeats the literal value of `r`'s own attribute `name_attr` (an S3
# bucket's `bucket` name; `""` for none), or is an expression that names no resource of `r`'s type
# (`var.bucket`, `each.value.id`, a module output), which may stand for any and gets the benefit of the
# doubt. `attr` is a top-level attribute or `block.attribute` inside a nested block. Plan input: the
# references that its `configuration` records, and literal values. With tollgate's index
# (`data.tollgate.module_links`) each check is a lookup, so a module of thousands of buckets stays linear.
linked(type, attr, r, name_attr) if refers(type, attr, r)

linked(type, attr, r, name_attr) if repeats(type, attr, object.get(r.body, name_attr, null))

linked(type, attr, r, name_attr) if opaque(type, attr, r.type)

# Some resource of `type` refers to `r` through its attribute `attr`: by reference in the
# configuration (`referring`); plan input, as the plan's `configuration` records it.
refers(type, attr, r) if {
	not is_object(input.planned_values)
	# `count`, not `some _ in`: regorus' VM walks every element of the list for a rule's body, and
	# a `count = 5000` resource's instances all refer to the same address (quadratic).
	count(referring(type, attr, r.address)) > 0
}

refers(type, attr, r) if {
	is_object(input.planned_values)
	[type, attr, _local_address(r.address)] in _plan_ref_targets
}

# Some resource of `type` has `value` (a non-empty string) as its attribute `attr`.
repeats(type, attr, value) if {
	not is_object(input.planned_values)
	count(repeating(type, attr, value)) > 0
}

repeats(type, attr, value) if {
	is_object(input.planned_values)
	is_string(value)
	value != ""
	[type, attr, value] in _plan_values
}

# Plan input: resource `c` refers to `r` through its attribute `attr`, as the plan's `configuration`
# records it.
plan_refers(c, attr, r) if {
	is_object(input.planned_values)
	[_local_address(c.address), attr, _local_address(r.address)] in _plan_ref_pairs
}

# The resource of the module at `address` (`aws_lb.web`), in the shape of `module_resources_of`, looked
# up by its type and name in `data.tollgate.module` rather than found by scanning the module's resources
# (which, once per resource of every file, made a module of thousands of them quadratic).
module_resource(address) := r if {
	not is_object(input.planned_values)
	[type, name] := _address_parts(address)
	bodies := data.tollgate.module.resource[type][name]
	is_array(bodies)
	is_object(bodies[0])
	r := {"type": type, "name": name, "address": address, "body": bodies[0], "path": ["resource", type, name, 0]}
} else := r if {
	is_object(input.planned_values)
	[type, _] := _address_parts(address)
	some r in tf.resources_of(type)
	r.address == address
}

_address_parts(address) := parts if {
	parts := split(address, ".")
	count(parts) == 2
}

# The resources of `type` in the module that the expression `value` refers to (`aws_lb.web.arn`,
# `aws_lb.web[0].arn`, in a conditional or `try()`), each looked up by address.
referenced(value, type) := [r |
	is_string(value)
	some m in regex.find_all_string_submatch_n(sprintf(`(?:^|[^A-Za-z0-9_.-])%s\.([A-Za-z0-9_-]+)[.\[]`, [type]), value, -1)
	r := module_resource(sprintf("%s.%s", [type, m[1]]))
]

# The resources of `type` whose attribute `attr` refers to the resource at `address`.
referring(type, attr, address) := object.get(_links_of(type, attr).refs, address, []) if {
	_indexed
} else := [c |
	some c in module_resources_of(type)
	some v in _attribute_values(c.body, attr)
	tf.references(v, address)
]

# The resources of `type` whose attribute `attr` is exactly `value` (a non-empty string).
repeating(type, attr, value) := object.get(_links_of(type, attr).values, value, []) if {
	is_string(value)
	value != ""
	_indexed
} else := [c |
	is_string(value)
	value != ""
	some c in module_resources_of(type)
	some v in _attribute_values(c.body, attr)
	v == value
]

# Some resource of `type` has, as its attribute `attr`, an expression naming no resource of type `target`.
opaque(type, attr, target) if {
	_indexed
	some types, list in _links_of(type, attr).opaque
	not target in split(types, ",")
	count(list) > 0
}

opaque(type, attr, target) if {
	not _indexed
	# Plan values are resolved: no expression is left to name anything.
	not is_object(input.planned_values)
	some c in module_resources_of(type)
	some v in _attribute_values(c.body, attr)
	tf.is_unknown(v)
	not contains(v, sprintf("%s.", [target]))
}

# tollgate's index of the module (`data.tollgate.module_links`); Rego unit tests and plans go without.
_indexed if {
	not is_object(input.planned_values)
	is_object(data.tollgate.module_links)
}

_links_of(type, attr) := object.get(object.get(data.tollgate.module_links, type, {}), attr, {"refs": {}, "values": {}, "opaque": {}})

_attribute_values(body, attr) := [v | v := body[attr]; is_string(v)] if {
	not contains(attr, ".")
} else := [v |
	[block, name] := split(attr, ".")
	is_array(body[block])
	some b in body[block]
	v := b[name]
	is_string(v)
]

# Plan input: the resources of `type` whose attribute `attr` refers to `r`, as the plan's `configuration`
# records it; elsewhere none.
plan_referring(type, attr, r) := [c |
	some c in tf.resources_of(type)
	plan_refers(c, attr, r)
] if is_object(input.planned_values) else := []

# Plan input, made once per document (a plan is one): [address, attribute, target] for each reference
# from a resource's attribute to another resource that the plan's `configuration` records (addresses
# module-local; `aws_s3_bucket.b.id` targets `aws_s3_bucket.b`), for resources the plan has; and the
# same by the referring resource's type. Lookups in these sets replace scanning every reference for
# each pair of resources, which made a plan of 2,000 buckets run past the time limit.
_plan_ref_pairs contains [address, attr, target] if {
	is_object(input.planned_values)
	some [address, attr, ref] in plan_references
	address in _plan_addresses
	parts := split(ref, ".")
	count(parts) >= 2
	target := concat(".", [parts[0], parts[1]])
}

_plan_ref_targets contains [split(address, ".")[0], attr, target] if {
	some [address, attr, target] in _plan_ref_pairs
}

_plan_addresses contains _local_address(r.address) if {
	is_object(input.planned_values)
	some r in resources
}

# Plan input: [type, attribute, value] for each non-empty string a resource has as an attribute, or as
# an attribute of a nested block (`logging.target_bucket`).
_plan_values contains [r.type, attr, v] if {
	is_object(input.planned_values)
	some r in resources
	some attr, v in r.body
	is_string(v)
	v != ""
}

_plan_values contains [r.type, concat(".", [block, attr]), v] if {
	is_object(input.planned_values)
	some r in resources
	some block, list in r.body
	is_array(list)
	some b in list
	is_object(b)
	some attr, v in b
	is_string(v)
	v != ""
}

# `module.x.aws_s3_bucket.b["k"]` -> `aws_s3_bucket.b`, the address used inside its module's configuration.
_local_address(address) := concat(".", array.slice(parts, count(parts) - 2, count(parts))) if {
	parts := split(regex.replace(address, `\[[^\]]*\]`, ""), ".")
}

# Plan input: [address, attribute, reference] for each reference that the plan's `configuration`
# records in a resource's expressions, in every module; e.g.
# ["aws_s3_bucket_versioning.v", "bucket", "aws_s3_bucket.b.id"]. Addresses are module-local.
plan_references contains [v.address, attr, ref] if {
	some module in _config_modules
	some v in module.resources
	is_object(v)
	is_string(v.address)
	is_object(v.expressions)
	some attr, expr in v.expressions
	is_object(expr)
	is_array(expr.references)
	some ref in expr.references
	is_string(ref)
}

# The configuration's root module and its module calls, nested up to ten levels (the plan reader
# rejects deeper nesting); level by level because Rego has no recursion.
_config_modules := array.concat(
	array.concat(array.concat(_config_level0, _config_level1), array.concat(_config_level2, _config_level3)),
	array.concat(
		array.concat(array.concat(_config_level4, _config_level5), array.concat(_config_level6, _config_level7)),
		array.concat(array.concat(_config_level8, _config_level9), _config_level10),
	),
)

_config_level0 := [m] if {
	m := input.configuration.root_module
	is_object(m)
} else := []

_config_level1 := _config_children(_config_level0)

_config_level2 := _config_children(_config_level1)

_config_level3 := _config_children(_config_level2)

_config_level4 := _config_children(_config_level3)

_config_level5 := _config_children(_config_level4)

_config_level6 := _config_children(_config_level5)

_config_level7 := _config_children(_config_level6)

_config_level8 := _config_children(_config_level7)

_config_level9 := _config_children(_config_level8)

_config_level10 := _config_children(_config_level9)

_config_children(modules) := [call.module |
	some m in modules
	is_object(m.module_calls)
	some call in m.module_calls
	is_object(call.module)
]
