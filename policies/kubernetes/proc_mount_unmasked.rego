# METADATA
# title: Unmasked /proc mount
# description: >-
#   `procMount: Unmasked` disables the masking and read-only paths the runtime applies to `/proc`
#   (e.g. `/proc/kcore`, `/proc/sys`), exposing kernel information and tunables of the node. The Pod
#   Security Standards baseline profile only allows the `Default` proc mount.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1
# custom:
#   id: TG-K8S-013
#   severity: high
#   enforcement: block
#   remediation: |
#     Remove `procMount` from the container's securityContext (or set it to Default):
#
#         securityContext:
#           procMount: Default
#   frameworks:
#     - Kubernetes Pod Security Standards (baseline)
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.proc_mount_unmasked

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

deny contains {
	"msg": sprintf("Container `%s` in %s sets `procMount: %s`", [k8s.container_name(c.container), display, mount]),
	"path": array.concat(c.path, ["securityContext", "procMount"]),
} if {
	some c in containers
	mount := c.container.securityContext.procMount
	is_string(mount)
	mount != "Default"
}
