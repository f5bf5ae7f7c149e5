# METADATA
# title: AppArmor profile set to unconfined
# description: >-
#   Running a container `unconfined` disables the AppArmor profile the runtime applies by default, removing
#   a mandatory access control layer that blocks e.g. mounting filesystems or writing to `/proc` and
#   `/sys`. The Pod Security Standards baseline profile forbids overriding it with `unconfined`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/tutorials/security/apparmor/
# custom:
#   id: TG-K8S-011
#   severity: high
#   enforcement: block
#   remediation: |
#     Remove the `unconfined` setting (the runtime default profile applies), or select a profile explicitly:
#
#         securityContext:
#           appArmorProfile:
#             type: RuntimeDefault
#   frameworks:
#     - Kubernetes Pod Security Standards (baseline)
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
package tollgate.kubernetes.apparmor_unconfined

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.kubernetes.pod_specs
import rego.v1

annotation_prefix := "container.apparmor.security.beta.kubernetes.io/"

# Legacy annotation on the pod (template) metadata.
deny contains {
	"msg": sprintf("%s runs container `%s` with AppArmor `unconfined` (annotation `%s`)", [display, substring(key, count(annotation_prefix), -1), key]),
	"path": array.concat(annotations_path, [key]),
} if {
	some p in pod_specs
	annotations_path := array.concat(array.slice(p.path, 0, count(p.path) - 1), ["metadata", "annotations"])
	annotations := object.get(input, annotations_path, {})
	is_object(annotations)
	some key, value in annotations
	startswith(key, annotation_prefix)
	is_string(value)
	lower(trim_space(value)) == "unconfined"
}

# securityContext.appArmorProfile (Kubernetes 1.30+), pod level.
deny contains {
	"msg": sprintf("Pod securityContext of %s sets AppArmor profile `Unconfined`", [display]),
	"path": array.concat(p.path, ["securityContext", "appArmorProfile", "type"]),
} if {
	some p in pod_specs
	p.spec.securityContext.appArmorProfile.type == "Unconfined"
}

# securityContext.appArmorProfile, container level.
deny contains {
	"msg": sprintf("Container `%s` in %s sets AppArmor profile `Unconfined`", [k8s.container_name(c.container), display]),
	"path": array.concat(c.path, ["securityContext", "appArmorProfile", "type"]),
} if {
	some c in containers
	c.container.securityContext.appArmorProfile.type == "Unconfined"
}
