# METADATA
# title: Probe or lifecycle hook targets another host
# description: >-
#   The `host` field of an `httpGet` or `tcpSocket` probe or lifecycle hook makes the kubelet, not the
#   pod, connect to the given address: from the node's network, it can reach the node's own localhost
#   services, cloud metadata endpoints or internal hosts the pod could not (blind SSRF), and report back
#   through the probe's success. The Pod Security Standards baseline profile forbids the field from
#   Kubernetes 1.34.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://github.com/kubernetes/enhancements/tree/master/keps/sig-auth/4940-psa-block-host-field-in-probes
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#http-probes
# custom:
#   id: TG-K8S-041
#   severity: medium
#   enforcement: block
#   remediation: |
#     Remove `host` so the kubelet probes the pod's own IP (set a `Host` header in `httpHeaders` if the
#     application needs a virtual host name), or use an `exec` probe:
#
#         livenessProbe:
#           httpGet:
#             path: /healthz
#             port: 8080
#             httpHeaders:
#               - name: Host
#                 value: api.example.com
#   frameworks:
#     - Kubernetes Pod Security Standards (baseline)
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.probe_host

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

# Paths, relative to the container, of the handlers that accept a `host`.
handlers := [
	["livenessProbe"], ["readinessProbe"], ["startupProbe"],
	["lifecycle", "postStart"], ["lifecycle", "preStop"],
]

deny contains {
	"msg": sprintf("Container `%s` in %s makes the kubelet connect to host `%s` (`%s.%s.host`)", [k8s.container_name(c.container), display, host, concat(".", handler), action]),
	"path": array.concat(c.path, array.concat(handler, [action, "host"])),
} if {
	some c in containers
	some handler in handlers
	h := object.get(c.container, handler, null)
	is_object(h)
	some action in ["httpGet", "tcpSocket"]
	host := h[action].host
	is_string(host)
	host != ""
}
