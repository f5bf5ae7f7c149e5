# METADATA
# title: Unsafe sysctl
# description: >-
#   Sysctls outside the safe set are not (fully) namespaced: setting them from a pod changes kernel
#   behaviour for the whole node or can be abused to exhaust its resources. The Pod Security Standards
#   baseline profile only allows the safe set.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
# custom:
#   id: TG-K8S-014
#   severity: high
#   enforcement: block
#   remediation: |
#     Remove sysctls outside the safe set from the pod securityContext; tune node-level kernel settings
#     on the nodes themselves (node configuration, not workloads):
#
#         securityContext:
#           sysctls:
#             - name: net.ipv4.ip_local_port_range
#               value: "1024 65535"
#   frameworks:
#     - Kubernetes Pod Security Standards (baseline)
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.unsafe_sysctls

import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.kubernetes.pod_specs
import rego.v1

# Pod Security Standards baseline safe set (Kubernetes 1.29+).
safe_sysctls := {
	"kernel.shm_rmid_forced",
	"net.ipv4.ip_local_port_range",
	"net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.tcp_syncookies",
	"net.ipv4.ping_group_range",
	"net.ipv4.ip_local_reserved_ports",
	"net.ipv4.tcp_keepalive_time",
	"net.ipv4.tcp_fin_timeout",
	"net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes",
}

deny contains {
	"msg": sprintf("%s sets unsafe sysctl `%s`", [display, s.name]),
	"path": array.concat(p.path, ["securityContext", "sysctls", i, "name"]),
} if {
	some p in pod_specs
	some i, s in array_of(p.spec.securityContext.sysctls)
	is_string(s.name)
	not normalize(s.name) in safe_sysctls
}

# Kubernetes accepts `/` as separator too (net/ipv4/tcp_syncookies).
normalize(name) := replace(trim_space(name), "/", ".")

# The value if it is a list, else an empty list (`ports:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
