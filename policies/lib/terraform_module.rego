# METADATA
# title: Terraform module helpers
# description: >-
#   Resources of the whole module a Terraform document belongs to (all files of its directory,
#   `data.tollgate.module`), for rules that relate resources across files. Findings still go on the
#   document being judged (`tollgate.lib.terraform.resources`).
package tollgate.lib.terraform_module

import data.tollgate.lib.terraform as tf
import rego.v1

# Every managed resource of the whole module the document belongs to (all files of its directory);
# for plan input, the plan itself. Use it to relate resources across files; report on `resources`.
module_resources := [r |
	some _, list in _module_index
	some r in list
] if {
	not is_object(input.planned_values)
} else := tf.resources

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
