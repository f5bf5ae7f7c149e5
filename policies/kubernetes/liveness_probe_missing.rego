# METADATA
# title: Container without liveness probe
# description: >-
#   Without a liveness probe the kubelet restarts a container only when its process exits: a server that
#   deadlocks, leaks into an unresponsive state or loses its backend connection for good keeps running and
#   keeps failing requests until someone notices. Checked on long-running workloads only (Deployment,
#   StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Argo Rollout, Knative Service/Configuration/
#   Revision, and Pods that restart `Always`); batch pods (Job, CronJob, Argo Workflows), init containers
#   (native sidecars included) and ephemeral containers are not.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
#   - ref: https://polaris.docs.fairwinds.com/checks/reliability/
# custom:
#   id: TG-K8S-029
#   severity: low
#   enforcement: warn
#   remediation: |
#     Add a liveness probe that fails only when a restart would help (do not make it depend on databases or
#     other services), with a startup probe for slow starters:
#
#         containers:
#           - name: app
#             livenessProbe:
#               httpGet:
#                 path: /livez
#                 port: 8080
#               periodSeconds: 10
#               failureThreshold: 3
#   frameworks:
#     - Kubernetes configuration best practices
#     - Fairwinds Polaris livenessProbeMissing
#     - kube-score container-probes
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, argoproj.io/Rollout, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.liveness_probe_missing

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

warn contains {
	"msg": sprintf("Container `%s` in %s has no `livenessProbe`", [k8s.container_name(c.container), display]),
	"path": c.path,
} if {
	long_running
	some c in containers
	c.field == "containers"
	not is_object(c.container.livenessProbe)
}

controller_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController"}

long_running if input.kind in controller_kinds

long_running if {
	input.kind == "Rollout"
	startswith(input.apiVersion, "argoproj.io/")
}

long_running if {
	input.kind in {"Service", "Configuration", "Revision"}
	startswith(input.apiVersion, "serving.knative.dev/")
}

# A bare Pod that is restarted whatever its exit code; `Never`/`OnFailure` pods are run-to-completion.
long_running if {
	input.kind == "Pod"
	object.get(input, ["spec", "restartPolicy"], "Always") == "Always"
}
