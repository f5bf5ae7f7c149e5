# METADATA
# title: Container without readiness probe
# description: >-
#   Without a readiness probe a pod receives Service traffic as soon as its containers start, before the
#   application listens or has warmed up, and keeps receiving it while it is overloaded or shutting down;
#   rolling updates also move on to the next pod without knowing the new one works. Checked on long-running
#   workloads only (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Argo Rollout, and
#   Pods that restart `Always`); batch pods (Job, CronJob, Argo Workflows), init containers (native sidecars
#   included), ephemeral containers and Knative workloads (Knative adds a TCP readiness probe) are not.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
#   - ref: https://polaris.docs.fairwinds.com/checks/reliability/
# custom:
#   id: TG-K8S-030
#   severity: low
#   enforcement: warn
#   remediation: |
#     Add a readiness probe that succeeds only when the container can serve requests:
#
#         containers:
#           - name: app
#             readinessProbe:
#               httpGet:
#                 path: /readyz
#                 port: 8080
#               periodSeconds: 5
#               failureThreshold: 3
#   frameworks:
#     - Kubernetes configuration best practices
#     - Fairwinds Polaris readinessProbeMissing
#     - kube-score container-probes
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, argoproj.io/Rollout]
package tollgate.kubernetes.readiness_probe_missing

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

warn contains {
	"msg": sprintf("Container `%s` in %s has no `readinessProbe`", [k8s.container_name(c.container), display]),
	"path": c.path,
} if {
	long_running
	some c in containers
	c.field == "containers"
	not is_object(c.container.readinessProbe)
}

controller_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController"}

long_running if input.kind in controller_kinds

long_running if {
	input.kind == "Rollout"
	startswith(input.apiVersion, "argoproj.io/")
}

# A bare Pod that is restarted whatever its exit code; `Never`/`OnFailure` pods are run-to-completion.
long_running if {
	input.kind == "Pod"
	object.get(input, ["spec", "restartPolicy"], "Always") == "Always"
}
