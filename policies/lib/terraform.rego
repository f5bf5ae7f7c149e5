# METADATA
# title: Terraform helpers
# description: >-
#   Resources of a Terraform document (HCL/JSON configuration or `terraform show -json` plan) in one
#   shape, plus helpers that tell resolved values from unresolved `${...}` expressions.
package tollgate.lib.terraform

import rego.v1

# Every managed resource of the document being judged:
# [{"type", "name", "address", "body", "path"}] where `path` is the body's path in `input`.
# An array, not a set: iterating a set of large objects makes regorus compare them to each other.
resources := array.concat(_config_resources, _plan_resources)

_config_resources := [r |
	some _, list in _config_by_type
	some r in list
]

_config_by_type := {type: block_resources_of(_file_block, type) | some type, _ in _file_block}

# The document's `resource` block ({} for plans): an undefined argument would make every call undefined.
_file_block := b if {
	b := input.resource
	is_object(b)
} else := {}

# Resources of one type in a configuration's `resource` block (a file's, or the whole module's
# `data.tollgate.module.resource`), in the shape of `resources`.
block_resources_of(block, type) := [r |
	by_name := block[type]
	is_object(by_name)
	some name, bodies in by_name
	is_array(bodies)
	some i, body in bodies
	is_object(body)
	r := {"type": type, "name": name, "address": sprintf("%s.%s", [type, name]), "body": body, "path": ["resource", type, name, i]}
]

# Plan input (`terraform show -json`): resource values come from planned_values, in every module.
_plan_resources := [r |
	some [module_path, module] in plan_modules
	some i, v in module.resources
	is_object(v)
	v.mode == "managed"
	is_string(v.type)
	is_object(v.values)
	path := array.concat(array.concat(["planned_values"], module_path), ["resources", i, "values"])
	r := {"type": v.type, "name": v.name, "address": v.address, "body": v.values, "path": path}
]

# [path, module] of the root module and its child modules, nested up to ten levels (the plan
# reader rejects deeper nesting rather than skip resources). Spelled out level by level because
# Rego has no recursion and regorus' VM compiles no `walk` loops yet.
plan_modules := array.concat(
	array.concat(array.concat(_plan_level0, _plan_level1), array.concat(_plan_level2, _plan_level3)),
	array.concat(
		array.concat(array.concat(_plan_level4, _plan_level5), array.concat(_plan_level6, _plan_level7)),
		array.concat(array.concat(_plan_level8, _plan_level9), _plan_level10),
	),
)

_plan_level0 := [[["root_module"], m]] if {
	m := input.planned_values.root_module
	is_object(m)
} else := []

_plan_level1 := _plan_children(_plan_level0)

_plan_level2 := _plan_children(_plan_level1)

_plan_level3 := _plan_children(_plan_level2)

_plan_level4 := _plan_children(_plan_level3)

_plan_level5 := _plan_children(_plan_level4)

_plan_level6 := _plan_children(_plan_level5)

_plan_level7 := _plan_children(_plan_level6)

_plan_level8 := _plan_children(_plan_level7)

_plan_level9 := _plan_children(_plan_level8)

_plan_level10 := _plan_children(_plan_level9)

_plan_children(modules) := [[array.concat(p, ["child_modules", i]), c] |
	some [p, m] in modules
	some i, c in object.get(m, "child_modules", [])
	is_object(c)
]

# Resources of one type in the document being judged.
# (The whole module's resources are in `tollgate.lib.terraform_module`: a separate package, because
# regorus evaluates every rule of a package that is referenced, and only a few rules need them.)
# (Indexed by type rather than filtered from `resources`: rules call this per resource type. The
# index is a rule, whose value is computed once per document; a function's is computed on every
# call, and building the resources of a type for each of the many rules asking for it was a third
# of all Terraform evaluation time.)
resources_of(type) := object.get(_by_type, type, [])

_by_type := {type: array.concat(object.get(_config_by_type, type, []), object.get(_plan_by_type, type, [])) |
	some type in _types
}

_types := {type | some type, _ in _config_by_type} | {type | some type, _ in _plan_by_type}

_plan_by_type := {type: [r | some r in _plan_resources; r.type == type] | some type in {r.type | some r in _plan_resources}}

# A value the scanner could not resolve: a string holding a `${...}` interpolation.
is_unknown(v) if {
	is_string(v)
	contains(v, "${")
}

is_known(v) if not is_unknown(v)

# True when expression `v` refers to the resource at `address` (e.g. "${aws_s3_bucket.logs.id}"), also
# through an instance key or splat of a `count`/`for_each` resource ("${aws_s3_bucket.logs[0].id}",
# "${aws_s3_bucket.logs[\"k\"].id}", "${aws_s3_bucket.logs[*].id}", "${aws_s3_bucket.logs.*.id}"), and
# wherever it appears in the expression (conditionals, `try()`, `coalesce()`). A longer name
# (`aws_s3_bucket.logs_archive`) or a data source (`data.aws_s3_bucket.logs`) is not a reference.
references(v, address) if {
	is_string(v)
	contains(v, address)
	regex.match(sprintf(`(^|[^A-Za-z0-9_.-])%s[.\[]`, [replace(address, ".", `\.`)]), v)
}

# The blocks of a nested block type (e.g. "ingress") of a body, with the index of each.
blocks(body, field) := [b | some b in body[field]; is_object(b)] if is_array(body[field])

blocks(body, field) := [body[field]] if is_object(body[field])

blocks(body, field) := [] if not body[field]

# Boolean attribute that is explicitly true / false (as a bool or the strings Terraform coerces).
is_true(v) if v == true

is_true(v) if v == "true"

is_false(v) if v == false

is_false(v) if v == "false"

# Numeric attribute as a number, when it is known. Undefined for unresolved expressions.
to_num(v) := v if is_number(v)

to_num(v) := to_number(v) if {
	is_string(v)
	regex.match(`^-?[0-9]+(\.[0-9]+)?$`, v)
}
