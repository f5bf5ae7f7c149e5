# METADATA
# title: Container without CPU or memory limit
# description: >-
#   A container without a memory limit can consume all memory of the node and get neighbouring pods
#   OOM-killed; without a CPU limit it can starve them. Limits also bound the impact of a compromised or
#   runaway process (crypto mining, fork bombs).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
#   - ref: https://kubernetes.io/docs/concepts/policy/limit-range/
# custom:
#   id: TG-K8S-016
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Set requests and limits for CPU and memory on every container and init container:
#
#         resources:
#           requests:
#             cpu: 100m
#             memory: 128Mi
#           limits:
#             cpu: 500m
#             memory: 256Mi
#   frameworks:
#     - NSA/CISA Kubernetes Hardening Guide
#     - OWASP Kubernetes Top 10 K01 (Insecure Workload Configurations)
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.missing_resource_limits

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

warn contains {
	"msg": sprintf("Container `%s` in %s has no %s limit", [k8s.container_name(c.container), display, concat(" or ", missing)]),
	"path": finding_path(c),
} if {
	some c in containers
	c.field in {"containers", "initContainers"} # ephemeral containers cannot set resources
	missing := [name |
		some name in ["CPU", "memory"]
		not has_limit(c.container, lower(name))
	]
	count(missing) > 0
}

has_limit(container, resource) if {
	v := container.resources.limits[resource]
	v != null
	v != ""
}

# Point at the deepest block that exists: limits, resources, or the container itself.
finding_path(c) := array.concat(c.path, ["resources", "limits"]) if is_object(c.container.resources.limits)

finding_path(c) := array.concat(c.path, ["resources"]) if {
	not is_object(c.container.resources.limits)
	is_object(c.container.resources)
}

finding_path(c) := c.path if not is_object(c.container.resources)
