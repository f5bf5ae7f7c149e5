# METADATA
# title: Container adds dangerous Linux capabilities
# description: >-
#   Capabilities beyond the container runtime's default set, such as `SYS_ADMIN`, `NET_ADMIN`,
#   `SYS_PTRACE`, `SYS_MODULE` or `ALL`, give the container kernel-level powers that make escaping to the
#   node or attacking neighbouring pods practical. The Pod Security Standards baseline profile only allows
#   adding capabilities from the default set.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
#   - ref: https://man7.org/linux/man-pages/man7/capabilities.7.html
# custom:
#   id: TG-K8S-008
#   severity: high
#   enforcement: block
#   remediation: |
#     Remove the extra capabilities; drop everything and add back only what the process needs from the
#     default set (usually nothing, or NET_BIND_SERVICE to bind ports below 1024):
#
#         securityContext:
#           capabilities:
#             drop: ["ALL"]
#             add: ["NET_BIND_SERVICE"]
#   frameworks:
#     - Kubernetes Pod Security Standards (baseline)
#     - CIS Kubernetes Benchmark v1.8 5.2.8, 5.2.9
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.capabilities_added

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

# Pod Security Standards baseline: capabilities that may be added.
baseline_allowed := {
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

deny contains {
	"msg": sprintf("Container `%s` in %s adds capabilities %s", [k8s.container_name(c.container), display, concat(", ", [sprintf("`%s`", [x]) | some x in sort(added)])]),
	"path": array.concat(c.path, ["securityContext", "capabilities", "add"]),
} if {
	some c in containers
	added := {x |
		some cap in array_of(c.container.securityContext.capabilities.add)
		is_string(cap)
		x := normalize(cap)
		not x in baseline_allowed
	}
	count(added) > 0
}

# `cap_sys_admin` and `CAP_SYS_ADMIN` are accepted by runtimes as `SYS_ADMIN`.
normalize(cap) := trim_prefix(upper(trim_space(cap)), "CAP_")

# The value if it is a list, else an empty list (`ports:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
