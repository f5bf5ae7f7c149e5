# METADATA
# title: Privileged container
# description: >-
#   A privileged container runs with every Linux capability and full access to the host's devices;
#   escaping to the node is trivial. The Pod Security Standards baseline profile forbids it.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-001
#   severity: critical
#   enforcement: block
#   remediation: |
#     Remove `privileged: true` from the container's securityContext (or set it to false):
#
#         securityContext:
#           privileged: false
#   frameworks:
#     - Kubernetes Pod Security Standards (baseline)
#     - CIS Kubernetes Benchmark v1.8 5.2.2
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.privileged_container

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

deny contains {
	"msg": sprintf("Container `%s` in %s is privileged", [k8s.container_name(c.container), display]),
	"path": array.concat(c.path, ["securityContext", "privileged"]),
} if {
	some c in containers
	c.container.securityContext.privileged == true
}
