# METADATA
# title: Container allows privilege escalation
# description: >-
#   Unless `allowPrivilegeEscalation` is explicitly false, the container's processes can gain more
#   privileges than their parent (setuid binaries, file capabilities), because `no_new_privs` is not set.
#   The Pod Security Standards restricted profile requires `allowPrivilegeEscalation: false`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-005
#   severity: high
#   enforcement: block
#   remediation: |
#     Set `allowPrivilegeEscalation: false` in every container's securityContext:
#
#         containers:
#           - name: app
#             securityContext:
#               allowPrivilegeEscalation: false
#   frameworks:
#     - Kubernetes Pod Security Standards (restricted)
#     - CIS Kubernetes Benchmark v1.8 5.2.6
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.allow_privilege_escalation

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

deny contains {
	"msg": sprintf("Container `%s` in %s sets `allowPrivilegeEscalation: true`", [k8s.container_name(c.container), display]),
	"path": array.concat(c.path, ["securityContext", "allowPrivilegeEscalation"]),
} if {
	some c in containers
	not windows(c.pod)
	c.container.securityContext.allowPrivilegeEscalation == true
}

deny contains {
	"msg": sprintf("Container `%s` in %s does not set `allowPrivilegeEscalation: false`", [k8s.container_name(c.container), display]),
	"path": c.path,
} if {
	some c in containers
	not windows(c.pod)
	not is_boolean(c.container.securityContext.allowPrivilegeEscalation)
}

# The field is Linux-only; the restricted profile exempts Windows pods.
windows(p) if p.spec.os.name == "windows"
