# METADATA
# title: Pod shares host namespaces
# description: >-
#   A pod with `hostNetwork`, `hostPID` or `hostIPC` shares the node's network stack, process table or
#   IPC objects: it can sniff node traffic, reach services bound to the node's localhost, signal or
#   inspect other processes on the node. The Pod Security Standards baseline profile forbids it.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/concepts/workloads/pods/#privileged-mode-for-containers
# custom:
#   id: TG-K8S-002
#   severity: critical
#   enforcement: block
#   remediation: |
#     Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec (or set them to false):
#
#         spec:
#           hostNetwork: false
#           hostPID: false
#           hostIPC: false
#   frameworks:
#     - Kubernetes Pod Security Standards (baseline)
#     - CIS Kubernetes Benchmark v1.8 5.2.3, 5.2.4, 5.2.5
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.host_namespaces

import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.kubernetes.pod_specs
import rego.v1

namespaces := {
	"hostNetwork": "network",
	"hostPID": "process (PID)",
	"hostIPC": "IPC",
}

deny contains {
	"msg": sprintf("%s shares the host's %s namespace (`%s: true`)", [display, what, field]),
	"path": array.concat(p.path, [field]),
} if {
	some p in pod_specs
	some field, what in namespaces
	p.spec[field] == true
}
