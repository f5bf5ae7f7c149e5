# METADATA
# title: Seccomp profile not set or Unconfined
# description: >-
#   Without a seccomp profile (or with `Unconfined`) the container can call every system call of the
#   node's kernel, including rarely used ones behind most container-escape exploits. The Pod Security
#   Standards restricted profile requires `RuntimeDefault` or `Localhost` at pod or container level, and
#   the baseline profile forbids `Unconfined`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#   - ref: https://kubernetes.io/docs/tutorials/security/seccomp/
# custom:
#   id: TG-K8S-010
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Set the runtime's default seccomp profile at pod level (inherited by every container):
#
#         spec:
#           securityContext:
#             seccompProfile:
#               type: RuntimeDefault
#   frameworks:
#     - Kubernetes Pod Security Standards (restricted; Unconfined also baseline)
#     - CIS Kubernetes Benchmark v1.8 5.7.2
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.seccomp_profile_unset

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.kubernetes.pod_specs
import rego.v1

allowed := {"RuntimeDefault", "Localhost"}

# Container-level profile that is not allowed.
warn contains {
	"msg": sprintf("Container `%s` in %s sets seccomp profile `%s`", [k8s.container_name(c.container), display, t]),
	"path": array.concat(c.path, ["securityContext", "seccompProfile", "type"]),
} if {
	some c in containers
	not windows(c.pod)
	t := c.container.securityContext.seccompProfile.type
	is_string(t)
	not t in allowed
}

# Pod-level profile that is not allowed (reported once, whatever the containers override).
warn contains {
	"msg": sprintf("Pod securityContext of %s sets seccomp profile `%s`", [display, t]),
	"path": array.concat(p.path, ["securityContext", "seccompProfile", "type"]),
} if {
	some p in pod_specs
	not windows(p)
	t := p.spec.securityContext.seccompProfile.type
	is_string(t)
	not t in allowed
}

# Neither level sets a profile.
warn contains {
	"msg": sprintf("Container `%s` in %s has no seccomp profile (set `seccompProfile.type: RuntimeDefault`)", [k8s.container_name(c.container), display]),
	"path": c.path,
} if {
	some c in containers
	not windows(c.pod)
	not is_string(c.container.securityContext.seccompProfile.type)
	not is_string(c.pod.spec.securityContext.seccompProfile.type)
}

# Seccomp is Linux-only; the restricted profile exempts Windows pods.
windows(p) if p.spec.os.name == "windows"
