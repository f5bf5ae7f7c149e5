# METADATA
# title: Kubernetes helpers
# description: Pod specs and containers of every workload kind, with the path of each inside the manifest.
package tollgate.lib.kubernetes

import rego.v1

# Kinds whose pod template lives at spec.template.spec.
template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}

# Every pod spec in the manifest: [{"spec": <PodSpec>, "path": [...]}].
# Helpers holding whole specs are arrays, not sets: iterating a set of large objects makes regorus
# compare them to each other, which cost a quarter of all evaluation time.
pod_specs := [p | some p in _pod_spec_candidates; is_object(p.spec)]

_pod_spec_candidates := [{"spec": input.spec, "path": ["spec"]}] if input.kind == "Pod"

else := [{"spec": input.spec.template.spec, "path": ["spec", "template", "spec"]}] if input.kind in template_kinds

else := [{"spec": input.template.spec, "path": ["template", "spec"]}] if input.kind == "PodTemplate"

else := [{"spec": input.spec.jobTemplate.spec.template.spec, "path": ["spec", "jobTemplate", "spec", "template", "spec"]}] if input.kind == "CronJob"

else := []

container_fields := ["initContainers", "containers", "ephemeralContainers"]

# Every container, init container and ephemeral container:
# [{"container": <Container>, "path": [... "containers", i], "pod": <pod spec entry>, "field": "containers"}].
containers := [{"container": c, "path": array.concat(p.path, [field, i]), "pod": p, "field": field} |
	some p in pod_specs
	some field in container_fields
	cs := p.spec[field]
	is_array(cs)
	some i, c in cs
	is_object(c)
]

name := object.get(input, ["metadata", "name"], "")

namespace := object.get(input, ["metadata", "namespace"], "")

# `Deployment prod/web` style label used in messages.
display := sprintf("%s `%s/%s`", [input.kind, namespace, name]) if namespace != ""

display := sprintf("%s `%s`", [input.kind, name]) if namespace == ""

# Name of a container for messages.
container_name(c) := c.name if is_string(c.name)

container_name(c) := "<unnamed>" if not is_string(c.name)
