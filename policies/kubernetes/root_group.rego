# METADATA
# title: Container runs with the root group
# description: >-
#   GID 0 as primary group (`runAsGroup: 0`), volume group (`fsGroup: 0`) or supplementary group gives the
#   processes access to every file owned by or writable for the root group, in the image and on mounted
#   volumes. The Pod Security Standards restricted profile (non-root groups, optional) forbids it.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-027
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Use non-zero group IDs:
#
#         spec:
#           securityContext:
#             runAsGroup: 10001
#             fsGroup: 10001
#             supplementalGroups: [10002]
#   frameworks:
#     - Kubernetes Pod Security Standards (restricted, optional control)
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.root_group

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.kubernetes.pod_specs
import rego.v1

warn contains {
	"msg": sprintf("Pod securityContext of %s sets `%s: 0` (root group)", [display, field]),
	"path": array.concat(p.path, ["securityContext", field]),
} if {
	some p in pod_specs
	some field in ["runAsGroup", "fsGroup"]
	p.spec.securityContext[field] == 0
}

warn contains {
	"msg": sprintf("Pod securityContext of %s adds the root group (0) to `supplementalGroups`", [display]),
	"path": array.concat(p.path, ["securityContext", "supplementalGroups"]),
} if {
	some p in pod_specs
	some g in array_of(p.spec.securityContext.supplementalGroups)
	g == 0
}

warn contains {
	"msg": sprintf("Container `%s` in %s sets `runAsGroup: 0` (root group)", [k8s.container_name(c.container), display]),
	"path": array.concat(c.path, ["securityContext", "runAsGroup"]),
} if {
	some c in containers
	c.container.securityContext.runAsGroup == 0
}

# The value if it is a list, else an empty list (`ports:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
