# METADATA
# title: Volume type not allowed by the restricted profile
# description: >-
#   The Pod Security Standards restricted profile only allows volume types that cannot reach node or
#   network storage directly (configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim,
#   projected, secret). Inline network or node volumes (nfs, iscsi, rbd, gitRepo, hostPath, ...) bypass
#   the PersistentVolume access controls of the cluster administrator.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#   - ref: https://kubernetes.io/docs/concepts/storage/volumes/
# custom:
#   id: TG-K8S-015
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Use a PersistentVolumeClaim (the administrator defines the PersistentVolume) or one of the allowed
#     types instead of an inline volume source:
#
#         volumes:
#           - name: shared
#             persistentVolumeClaim:
#               claimName: shared-data
#   frameworks:
#     - Kubernetes Pod Security Standards (restricted)
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.restricted_volume_types

import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.kubernetes.pod_specs
import rego.v1

allowed_types := {
	"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
	"persistentVolumeClaim", "projected", "secret",
}

warn contains {
	"msg": sprintf("Volume `%s` in %s uses volume type `%s`, not allowed by the restricted profile", [volume_name(v), display, type]),
	"path": array.concat(p.path, ["volumes", i, type]),
} if {
	some p in pod_specs
	some i, v in array_of(p.spec.volumes)
	is_object(v)
	some type in object.keys(v)
	type != "name"
	not type in allowed_types
}

volume_name(v) := v.name if is_string(v.name)

volume_name(v) := "<unnamed>" if not is_string(v.name)

# The value if it is a list, else an empty list (`ports:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
