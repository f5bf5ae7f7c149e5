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
module_resources contains r if {
	not is_object(input.planned_values)
	is_object(data.tollgate.module.resource)
	some type, by_name in data.tollgate.module.resource
	is_object(by_name)
	some name, bodies in by_name
	is_array(bodies)
	some i, body in bodies
	is_object(body)
	r := {"type": type, "name": name, "address": sprintf("%s.%s", [type, name]), "body": body, "path": ["resource", type, name, i]}
}

module_resources contains r if {
	is_object(input.planned_values)
	some r in tf.resources
}

module_resources_of(type) := {r | some r in module_resources; r.type == type}
