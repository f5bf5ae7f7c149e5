# METADATA
# title: Container adds capabilities beyond NET_BIND_SERVICE
# description: >-
#   The Pod Security Standards restricted profile lets a container add back only `NET_BIND_SERVICE`
#   after dropping all capabilities. Capabilities of the runtime's default set such as `CHOWN`,
#   `DAC_OVERRIDE`, `FOWNER`, `SETUID`/`SETGID` or `KILL` (allowed by the baseline profile) still let a
#   compromised process bypass file permissions or switch users, and are rarely needed by applications.
#   Capabilities outside the default set are reported by TG-K8S-008.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
# custom:
#   id: TG-K8S-040
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Drop all capabilities and add back at most NET_BIND_SERVICE; fix file ownership in the image
#     (or with `fsGroup`) instead of adding CHOWN/FOWNER:
#
#         securityContext:
#           capabilities:
#             drop: ["ALL"]
#             add: ["NET_BIND_SERVICE"]
#   frameworks:
#     - Kubernetes Pod Security Standards (restricted)
#     - CIS Kubernetes Benchmark v1.8 5.2.9
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.capabilities_added_restricted

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

# Pod Security Standards baseline: capabilities that may be added. The restricted profile keeps only
# NET_BIND_SERVICE; the others are reported here, anything outside the list by TG-K8S-008.
baseline_allowed := {
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

warn contains {
	"msg": sprintf("Container `%s` in %s adds capabilities %s; the restricted profile allows only `NET_BIND_SERVICE`", [k8s.container_name(c.container), display, concat(", ", [sprintf("`%s`", [x]) | some x in sort(added)])]),
	"path": array.concat(c.path, ["securityContext", "capabilities", "add"]),
} if {
	some c in containers
	not windows(c.pod)
	added := {x |
		some cap in array_of(c.container.securityContext.capabilities.add)
		is_string(cap)
		x := normalize(cap)
		x in baseline_allowed
		x != "NET_BIND_SERVICE"
	}
	count(added) > 0
}

# `cap_chown` and `CAP_CHOWN` are accepted by runtimes as `CHOWN`.
normalize(cap) := trim_prefix(upper(trim_space(cap)), "CAP_")

# Capabilities are Linux-only; the restricted profile exempts Windows pods.
windows(p) if p.spec.os.name == "windows"

# The value if it is a list, else an empty list (`add:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
