# METADATA
# title: Container binds a host port
# description: >-
#   A `hostPort` binds the container port on the node's network interface: it bypasses Services and
#   NetworkPolicy-aware load balancing, exposes the workload on every address of the node and limits
#   scheduling. The Pod Security Standards baseline profile forbids host ports.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/concepts/configuration/overview/#services
# custom:
#   id: TG-K8S-007
#   severity: medium
#   enforcement: block
#   remediation: |
#     Remove `hostPort` and expose the port through a Service instead:
#
#         ports:
#           - name: http
#             containerPort: 8080
#   frameworks:
#     - Kubernetes Pod Security Standards (baseline)
#     - CIS Kubernetes Benchmark v1.8 5.2.13
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.host_port

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

deny contains {
	"msg": sprintf("Container `%s` in %s binds host port %v", [k8s.container_name(c.container), display, port.hostPort]),
	"path": array.concat(c.path, ["ports", j, "hostPort"]),
} if {
	some c in containers
	some j, port in array_of(c.container.ports)
	is_number(port.hostPort)
	port.hostPort != 0
}

# The value if it is a list, else an empty list (`ports:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
