# METADATA
# title: Writable root filesystem
# description: >-
#   A container whose root filesystem is writable lets an attacker modify binaries and configuration or
#   drop tools after a compromise, and persists that for the container's lifetime. Mount the image
#   read-only and give the application explicit writable volumes (emptyDir) where it needs them.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
#   - ref: https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1
# custom:
#   id: TG-K8S-017
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Set `readOnlyRootFilesystem: true` and mount an emptyDir where the process writes:
#
#         containers:
#           - name: app
#             securityContext:
#               readOnlyRootFilesystem: true
#             volumeMounts:
#               - name: tmp
#                 mountPath: /tmp
#         volumes:
#           - name: tmp
#             emptyDir: {}
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.7.3
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.writable_root_filesystem

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

warn contains {
	"msg": sprintf("Container `%s` in %s sets `readOnlyRootFilesystem: false`", [k8s.container_name(c.container), display]),
	"path": array.concat(c.path, ["securityContext", "readOnlyRootFilesystem"]),
} if {
	some c in containers
	not windows(c.pod)
	c.container.securityContext.readOnlyRootFilesystem == false
}

warn contains {
	"msg": sprintf("Container `%s` in %s does not set `readOnlyRootFilesystem: true`", [k8s.container_name(c.container), display]),
	"path": c.path,
} if {
	some c in containers
	not windows(c.pod)
	not is_boolean(c.container.securityContext.readOnlyRootFilesystem)
}

# Not supported for Windows containers.
windows(p) if p.spec.os.name == "windows"
