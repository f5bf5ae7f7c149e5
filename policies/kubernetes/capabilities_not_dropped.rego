# METADATA
# title: Container does not drop all capabilities
# description: >-
#   Containers start with the runtime's default capability set (CHOWN, DAC_OVERRIDE, NET_RAW, SETUID, ...),
#   which most applications never use; NET_RAW alone allows ARP and DNS spoofing inside the pod network.
#   The Pod Security Standards restricted profile requires dropping `ALL` and adding back only
#   NET_BIND_SERVICE when needed.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
# custom:
#   id: TG-K8S-009
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Drop all capabilities in every container's securityContext:
#
#         securityContext:
#           capabilities:
#             drop: ["ALL"]
#   frameworks:
#     - Kubernetes Pod Security Standards (restricted)
#     - CIS Kubernetes Benchmark v1.8 5.2.8, 5.2.10
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.capabilities_not_dropped

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

# A drop list exists but lacks ALL: point at the list.
warn contains {
	"msg": sprintf("Container `%s` in %s drops some capabilities but not `ALL`", [k8s.container_name(c.container), display]),
	"path": array.concat(c.path, ["securityContext", "capabilities", "drop"]),
} if {
	some c in containers
	not windows(c.pod)
	is_array(c.container.securityContext.capabilities.drop)
	not drops_all(c.container)
}

# No drop list at all: point at the container.
warn contains {
	"msg": sprintf("Container `%s` in %s does not drop `ALL` capabilities", [k8s.container_name(c.container), display]),
	"path": c.path,
} if {
	some c in containers
	not windows(c.pod)
	not is_array(c.container.securityContext.capabilities.drop)
}

drops_all(container) if {
	some cap in array_of(container.securityContext.capabilities.drop)
	is_string(cap)
	upper(trim_space(cap)) in {"ALL", "CAP_ALL"}
}

# Capabilities are Linux-only; the restricted profile exempts Windows pods.
windows(p) if p.spec.os.name == "windows"

# The value if it is a list, else an empty list (`ports:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
