# METADATA
# title: Kubernetes helpers
# description: Pod specs and containers of every workload kind, with the path of each inside the manifest.
package tollgate.lib.kubernetes

import rego.v1

# Pod-bearing kinds, one list: where each keeps its pod spec(s) and the metadata (labels, annotations)
# of the pods it creates. Custom resources are keyed on their API group as well as their kind: a core
# `Service` (apiVersion `v1`) holds no pod spec, a Knative `Service` (`serving.knative.dev/...`) does.
#
#   kind                                   apiVersion              pod spec                   pod metadata
#   Pod                                    any                     spec                       metadata
#   Deployment, StatefulSet, DaemonSet,    any                     spec.template.spec         spec.template.metadata
#     ReplicaSet, ReplicationController, Job
#   CronJob                                any                     spec.jobTemplate.spec.template.spec (and .metadata)
#   PodTemplate                            any                     template.spec              template.metadata
#   Rollout                                argoproj.io/*           spec.template.spec         spec.template.metadata
#   Workflow, WorkflowTemplate,            argoproj.io/*           spec (workflow-level pod   spec.podMetadata
#     ClusterWorkflowTemplate                                        settings), and each template
#                                                                    that runs a pod: spec.templates[i]  spec.templates[i].metadata
#   CronWorkflow                           argoproj.io/*           the same under spec.workflowSpec
#   Service, Configuration                 serving.knative.dev/*   spec.template.spec         spec.template.metadata
#   Revision                               serving.knative.dev/*   spec                       metadata
#
# Rules that report on pod specs or containers list all of these kinds in `resource_types`.
pod_kinds := [
	"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob",
	"PodTemplate", "Rollout", "Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow",
	"Service", "Configuration", "Revision",
]

# Kinds whose pod template lives at spec.template.spec.
template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}

# Argo Workflows kinds whose `spec` is a WorkflowSpec.
workflow_kinds := {"Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate"}

# Every pod spec in the manifest: [{"spec": <PodSpec>, "path": [...], "metadata_path": [...]}], where
# `metadata_path` is the path of the metadata its pods get (annotations live there).
# Argo Workflows: the workflow-level spec (volumes, securityContext, hostNetwork, automountServiceAccountToken
# of every pod of the workflow) is one entry, and each template that runs a pod (`container`, `script` or
# `containerSet`) another, with `"inherits": <path of the workflow-level spec>`: a template's own
# securityContext / automountServiceAccountToken override the workflow-level ones.
# Helpers holding whole specs are arrays, not sets: iterating a set of large objects makes regorus
# compare them to each other, which cost a quarter of all evaluation time.
pod_specs := [p | some p in _pod_spec_candidates; is_object(p.spec)]

_pod_spec_candidates := [_entry(["spec"], ["metadata"])] if input.kind == "Pod"

else := [_entry(["spec", "template", "spec"], ["spec", "template", "metadata"])] if input.kind in template_kinds

else := [_entry(["template", "spec"], ["template", "metadata"])] if input.kind == "PodTemplate"

else := [_entry(["spec", "jobTemplate", "spec", "template", "spec"], ["spec", "jobTemplate", "spec", "template", "metadata"])] if input.kind == "CronJob"

else := [_entry(["spec", "template", "spec"], ["spec", "template", "metadata"])] if {
	_api_group("argoproj.io")
	input.kind == "Rollout"
}

else := _workflow_entries(["spec"]) if {
	_api_group("argoproj.io")
	input.kind in workflow_kinds
}

else := _workflow_entries(["spec", "workflowSpec"]) if {
	_api_group("argoproj.io")
	input.kind == "CronWorkflow"
}

else := [_entry(["spec", "template", "spec"], ["spec", "template", "metadata"])] if {
	_api_group("serving.knative.dev")
	input.kind in {"Service", "Configuration"}
}

else := [_entry(["spec"], ["metadata"])] if {
	_api_group("serving.knative.dev")
	input.kind == "Revision"
}

else := []

_entry(path, metadata_path) := {"spec": object.get(input, path, null), "path": path, "metadata_path": metadata_path}

# `apiVersion: <group>/<version>`.
_api_group(group) if {
	is_string(input.apiVersion)
	startswith(input.apiVersion, concat("", [group, "/"]))
}

# The workflow-level spec at `base`, then each template of it that runs a pod.
_workflow_entries(base) := array.concat(
	[{"spec": wf, "path": base, "metadata_path": array.concat(base, ["podMetadata"])}],
	[{"spec": t, "path": array.concat(base, ["templates", i]), "metadata_path": array.concat(base, ["templates", i, "metadata"]), "inherits": base} |
		some i, t in _array(wf.templates)
		is_object(t)
		_runs_pod(t)
	],
) if {
	wf := object.get(input, base, null)
	is_object(wf)
}

_runs_pod(t) if is_object(t.container)

_runs_pod(t) if is_object(t.script)

_runs_pod(t) if is_object(t.containerSet)

_array(x) := x if is_array(x)

_array(x) := [] if not is_array(x)

container_fields := ["initContainers", "containers", "ephemeralContainers"]

# Every container, init container and ephemeral container:
# [{"container": <Container>, "path": [... "containers", i], "pod": <pod spec entry>, "field": "containers"}].
# `field` is the kind of container in the pod that runs it ("containers", "initContainers",
# "ephemeralContainers"); `pod` the pod spec entry whose pod-level settings apply to it.
# Argo templates: `container`, `script` and `containerSet.containers[j]` (field "containers"),
# `initContainers[j]` ("initContainers") and `sidecars[j]` ("containers"); their name in messages is
# `<template>/<container>` (`build/main`: Argo names the container of `container`/`script` `main`), and
# their `pod` is the template when it sets its own securityContext, else the workflow-level spec.
containers := array.concat(_pod_containers, _workflow_containers)

_pod_containers := [{"container": c, "path": array.concat(p.path, [field, i]), "pod": p, "field": field} |
	some p in pod_specs
	not p.inherits
	some field in container_fields
	cs := p.spec[field]
	is_array(cs)
	some i, c in cs
	is_object(c)
]

_workflow_containers := [{"container": named, "path": array.concat(p.path, sub), "pod": _pod_settings(p), "field": field} |
	some p in pod_specs
	p.inherits
	some [sub, c, field] in _template_containers(p.spec)
	named := object.union(c, {"name": sprintf("%s/%s", [_string_or(object.get(p.spec, "name", null), "<unnamed>"), _string_or(object.get(c, "name", null), "main")])})
]

# [sub-path, container, field] of each container an Argo template runs.
_template_containers(t) := array.concat(
	array.concat(
		[[[k], c, "containers"] | some k in ["container", "script"]; c := t[k]; is_object(c)],
		[[["containerSet", "containers", j], c, "containers"] | some j, c in _array(t.containerSet.containers); is_object(c)],
	),
	[[[f, j], c, field] |
		some [f, field] in [["initContainers", "initContainers"], ["sidecars", "containers"]]
		some j, c in _array(t[f])
		is_object(c)
	],
)

_pod_settings(p) := p if is_object(p.spec.securityContext)

_pod_settings(p) := {"spec": object.get(input, p.inherits, {}), "path": p.inherits, "metadata_path": array.concat(p.inherits, ["podMetadata"])} if {
	not is_object(p.spec.securityContext)
}

_string_or(x, d) := x if is_string(x)

_string_or(x, d) := d if not is_string(x)

# The object's name; `generateName` (e.g. `build-`, common for Argo Workflows and Jobs) when it has none.
name := n if {
	n := input.metadata.name
	is_string(n)
	n != ""
} else := n if {
	n := input.metadata.generateName
	is_string(n)
} else := ""

namespace := object.get(input, ["metadata", "namespace"], "")

# The manifest of `kind` named `name` in namespace `ns` (`""` when unset) deployed with this one (same
# file, chart render or overlay), if there is one: the last of duplicates, as applying them leaves it.
# Looked up in the index tollgate builds once per file, render or overlay (`data.tollgate.manifest_index`):
# scanning `data.tollgate.manifests` for it made a stream of 20,000 Pods quadratic. Without the index
# (policy unit tests mock `data.tollgate.manifests`), the same answer from the list.
deployed(kind, ns, name) := data.tollgate.manifest_index[kind][ns][name]

deployed(kind, ns, name) := ms[count(ms) - 1] if {
	not data.tollgate.manifest_index
	ms := [m |
		some m in data.tollgate.manifests
		m.kind == kind
		object.get(m, ["metadata", "namespace"], "") == ns
		object.get(m, ["metadata", "name"], "") == name
	]
	count(ms) > 0
}

# `Deployment prod/web` style label used in messages.
display := sprintf("%s `%s/%s`", [input.kind, namespace, name]) if namespace != ""

display := sprintf("%s `%s`", [input.kind, name]) if namespace == ""

# Name of a container for messages.
container_name(c) := c.name if is_string(c.name)

container_name(c) := "<unnamed>" if not is_string(c.name)
