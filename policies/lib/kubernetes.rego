# METADATA
# title: Kubernetes helpers
# description: Pod specs and containers of every workload kind, with the path of each inside the manifest.
package tollgate.lib.kubernetes

import rego.v1

# Kinds whose pod template lives at spec.template.spec.
template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}

# Every pod spec in the manifest: {"spec": <PodSpec>, "path": [...]}.
pod_specs contains {"spec": input.spec, "path": ["spec"]} if {
	input.kind == "Pod"
	is_object(input.spec)
}

pod_specs contains {"spec": input.spec.template.spec, "path": ["spec", "template", "spec"]} if {
	input.kind in template_kinds
	is_object(input.spec.template.spec)
}

pod_specs contains {"spec": input.template.spec, "path": ["template", "spec"]} if {
	input.kind == "PodTemplate"
	is_object(input.template.spec)
}

pod_specs contains {"spec": spec, "path": ["spec", "jobTemplate", "spec", "template", "spec"]} if {
	input.kind == "CronJob"
	spec := input.spec.jobTemplate.spec.template.spec
	is_object(spec)
}

container_fields := ["initContainers", "containers", "ephemeralContainers"]

# Every container, init container and ephemeral container:
# {"container": <Container>, "path": [... "containers", i], "pod": <pod spec entry>, "field": "containers"}.
containers contains {"container": c, "path": array.concat(p.path, [field, i]), "pod": p, "field": field} if {
	some p in pod_specs
	some field in container_fields
	cs := p.spec[field]
	is_array(cs)
	some i, c in cs
	is_object(c)
}

name := object.get(input, ["metadata", "name"], "")

namespace := object.get(input, ["metadata", "namespace"], "")

# `Deployment prod/web` style label used in messages.
display := sprintf("%s `%s/%s`", [input.kind, namespace, name]) if namespace != ""

display := sprintf("%s `%s`", [input.kind, name]) if namespace == ""

# Name of a container for messages.
container_name(c) := c.name if is_string(c.name)

container_name(c) := "<unnamed>" if not is_string(c.name)
