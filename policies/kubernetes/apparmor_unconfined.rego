# METADATA
# title: AppArmor profile unconfined or not allowed
# description: >-
#   Running a container `unconfined` disables the AppArmor profile the runtime applies by default, removing
#   a mandatory access control layer that blocks e.g. mounting filesystems or writing to `/proc` and
#   `/sys`. The Pod Security Standards baseline profile allows only the runtime default profile and profiles
#   loaded on the node (`runtime/default`, `localhost/*`; `RuntimeDefault`, `Localhost`): any other value,
#   `unconfined` or a misspelt one, is flagged.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/tutorials/security/apparmor/
# custom:
#   id: TG-K8S-011
#   severity: high
#   enforcement: block
#   remediation: |
#     Remove the setting (the runtime default profile applies), or select an allowed profile explicitly:
#
#         securityContext:
#           appArmorProfile:
#             type: RuntimeDefault        # or Localhost with localhostProfile: <profile>
#
#     With the legacy annotation, use `runtime/default` or `localhost/<profile>`:
#
#         metadata:
#           annotations:
#             container.apparmor.security.beta.kubernetes.io/app: runtime/default
#   frameworks:
#     - Kubernetes Pod Security Standards (baseline)
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.apparmor_unconfined

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.kubernetes.pod_specs
import rego.v1

annotation_prefix := "container.apparmor.security.beta.kubernetes.io/"

allowed_types := {"RuntimeDefault", "Localhost"}

# Legacy annotation on the metadata of the pods (pod, pod template, Argo template or podMetadata).
deny contains {
	"msg": sprintf("%s runs container `%s` with AppArmor profile `%s` (annotation `%s`); only `runtime/default` or `localhost/<profile>` are allowed", [display, substring(key, count(annotation_prefix), -1), value, key]),
	"path": array.concat(annotations_path, [key]),
} if {
	some p in pod_specs
	annotations_path := array.concat(p.metadata_path, ["annotations"])
	annotations := object.get(input, annotations_path, {})
	is_object(annotations)
	some key, value in annotations
	startswith(key, annotation_prefix)
	is_string(value)
	not allowed_annotation(trim_space(value))
}

# Not set: the runtime default applies.
allowed_annotation(v) if v == ""

allowed_annotation(v) if v == "runtime/default"

allowed_annotation(v) if {
	startswith(v, "localhost/")
	count(v) > count("localhost/")
}

# securityContext.appArmorProfile (Kubernetes 1.30+), pod level.
deny contains {
	"msg": sprintf("Pod securityContext of %s sets AppArmor profile type `%v`", [display, t]),
	"path": array.concat(p.path, ["securityContext", "appArmorProfile", "type"]),
} if {
	some p in pod_specs
	t := p.spec.securityContext.appArmorProfile.type
	not t in allowed_types
}

# securityContext.appArmorProfile, container level.
deny contains {
	"msg": sprintf("Container `%s` in %s sets AppArmor profile type `%v`", [k8s.container_name(c.container), display, t]),
	"path": array.concat(c.path, ["securityContext", "appArmorProfile", "type"]),
} if {
	some c in containers
	t := c.container.securityContext.appArmorProfile.type
	not t in allowed_types
}
