# METADATA
# title: Secret exposed as environment variables
# description: >-
#   Secrets passed as environment variables (`valueFrom.secretKeyRef`, `envFrom.secretRef`) are easy to
#   leak: they are inherited by every child process, printed by crash reporters, debug endpoints and
#   `env` in logs, and never updated when the Secret changes. A Secret mounted as a file can be read only
#   by the process that opens it, with file permissions, and is refreshed in place.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/secrets-good-practices/
#   - ref: https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod
# custom:
#   id: TG-K8S-039
#   severity: low
#   enforcement: warn
#   remediation: |
#     Mount the Secret as a volume and have the application read the file:
#
#         containers:
#           - name: api
#             volumeMounts:
#               - name: db-credentials
#                 mountPath: /etc/secrets/db
#                 readOnly: true
#         volumes:
#           - name: db-credentials
#             secret:
#               secretName: db-credentials
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.4.1
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.secret_as_env_var

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

warn contains {
	"msg": sprintf("Container `%s` in %s reads Secret `%s` into environment variable `%s`", [k8s.container_name(c.container), display, secret_name(ref), e.name]),
	"path": array.concat(c.path, ["env", j, "valueFrom", "secretKeyRef"]),
} if {
	some c in containers
	some j, e in array_of(c.container.env)
	is_string(e.name)
	ref := e.valueFrom.secretKeyRef
	is_object(ref)
}

warn contains {
	"msg": sprintf("Container `%s` in %s loads every key of Secret `%s` as environment variables", [k8s.container_name(c.container), display, secret_name(ref)]),
	"path": array.concat(c.path, ["envFrom", j, "secretRef"]),
} if {
	some c in containers
	some j, e in array_of(c.container.envFrom)
	ref := e.secretRef
	is_object(ref)
}

secret_name(ref) := ref.name if is_string(ref.name)

secret_name(ref) := "<unnamed>" if not is_string(ref.name)

# The value if it is a list, else an empty list (`env:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
