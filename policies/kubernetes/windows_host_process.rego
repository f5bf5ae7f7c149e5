# METADATA
# title: Windows HostProcess container
# description: >-
#   A Windows HostProcess container runs directly on the node as a host process, with access to the host's
#   network, filesystem and processes, typically as SYSTEM: it is the Windows equivalent of a privileged
#   container. The Pod Security Standards baseline profile forbids it.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/
# custom:
#   id: TG-K8S-025
#   severity: critical
#   enforcement: block
#   remediation: |
#     Remove `windowsOptions.hostProcess` (and `hostNetwork`) from the pod and container securityContext
#     and run the workload as a regular Windows container:
#
#         securityContext:
#           windowsOptions:
#             runAsUserName: "ContainerUser"
#   frameworks:
#     - Kubernetes Pod Security Standards (baseline)
#     - CIS Kubernetes Benchmark v1.8 5.2.11
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.windows_host_process

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.kubernetes.pod_specs
import rego.v1

deny contains {
	"msg": sprintf("Pod securityContext of %s sets `windowsOptions.hostProcess: true`", [display]),
	"path": array.concat(p.path, ["securityContext", "windowsOptions", "hostProcess"]),
} if {
	some p in pod_specs
	p.spec.securityContext.windowsOptions.hostProcess == true
}

deny contains {
	"msg": sprintf("Container `%s` in %s is a Windows HostProcess container", [k8s.container_name(c.container), display]),
	"path": array.concat(c.path, ["securityContext", "windowsOptions", "hostProcess"]),
} if {
	some c in containers
	c.container.securityContext.windowsOptions.hostProcess == true
}
