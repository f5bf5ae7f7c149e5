# METADATA
# title: Container may run as root
# description: >-
#   A container that does not set `runAsNonRoot: true` (and no non-zero `runAsUser`) runs as whatever user
#   the image declares, usually root; a container with `runAsUser: 0` runs as root explicitly. Root in
#   the container is root on the node once any isolation boundary fails. The Pod Security Standards
#   restricted profile requires `runAsNonRoot: true` and forbids `runAsUser: 0`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-003
#   severity: high
#   enforcement: block
#   remediation: |
#     Run as a non-root user and let the kubelet enforce it, at pod level (inherited by every container)
#     or per container; remove `runAsUser: 0`:
#
#         spec:
#           securityContext:
#             runAsNonRoot: true
#             runAsUser: 10001
#   frameworks:
#     - Kubernetes Pod Security Standards (restricted)
#     - CIS Kubernetes Benchmark v1.8 5.2.7
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.container_runs_as_root

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

# Container-level runAsUser: 0.
deny contains {
	"msg": sprintf("Container `%s` in %s runs as root (`runAsUser: 0`)", [k8s.container_name(c.container), display]),
	"path": array.concat(c.path, ["securityContext", "runAsUser"]),
} if {
	some c in containers
	c.container.securityContext.runAsUser == 0
}

# Pod-level runAsUser: 0 inherited by at least one container (reported once, on the pod field).
deny contains {
	"msg": sprintf("Pod securityContext of %s sets `runAsUser: 0`, so its containers run as root", [display]),
	"path": array.concat(c.pod.path, ["securityContext", "runAsUser"]),
} if {
	some c in containers
	not is_number(c.container.securityContext.runAsUser)
	c.pod.spec.securityContext.runAsUser == 0
}

# Neither level makes the kubelet refuse root, and no non-root UID is set.
deny contains {
	"msg": sprintf("Container `%s` in %s does not set `runAsNonRoot: true` (container or pod securityContext) and may run as root", [k8s.container_name(c.container), display]),
	"path": c.path,
} if {
	some c in containers
	not uid(c) == 0
	not non_root_enforced(c)
}

# Effective runAsUser: the container's overrides the pod's.
uid(c) := u if {
	u := c.container.securityContext.runAsUser
	is_number(u)
}

uid(c) := u if {
	not is_number(c.container.securityContext.runAsUser)
	u := c.pod.spec.securityContext.runAsUser
	is_number(u)
}

# Effective runAsNonRoot: the container's overrides the pod's.
run_as_non_root(c) := v if {
	v := c.container.securityContext.runAsNonRoot
	is_boolean(v)
}

run_as_non_root(c) := v if {
	not is_boolean(c.container.securityContext.runAsNonRoot)
	v := c.pod.spec.securityContext.runAsNonRoot
	is_boolean(v)
}

non_root_enforced(c) if run_as_non_root(c) == true

non_root_enforced(c) if uid(c) > 0
