# METADATA
# title: hostPath volume
# description: >-
#   A hostPath volume mounts a file or directory of the node into the pod. Paths such as `/`,
#   `/var/run/docker.sock`, `/var/lib/kubelet` or `/etc` give a direct route to node takeover, and even
#   read-only mounts leak credentials of other pods. The Pod Security Standards baseline profile forbids it.
#   A PersistentVolume of type hostPath gives the same access to every pod that claims it, and is only meant
#   for single-node test clusters.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
#   - ref: https://kubernetes.io/docs/concepts/storage/persistent-volumes/#types-of-persistent-volumes
# custom:
#   id: TG-K8S-006
#   severity: high
#   enforcement: block
#   remediation: |
#     Replace the hostPath volume with a volume type that does not expose the node, e.g. an emptyDir
#     for scratch space or a PersistentVolumeClaim for data:
#
#         volumes:
#           - name: data
#             persistentVolumeClaim:
#               claimName: app-data
#
#     For a PersistentVolume, use a storage class of a CSI driver (or a `local` volume with node affinity)
#     instead of `hostPath`.
#   frameworks:
#     - Kubernetes Pod Security Standards (baseline)
#     - CIS Kubernetes Benchmark v1.8 5.2.12
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision, PersistentVolume]
package tollgate.kubernetes.host_path_volume

import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.kubernetes.name
import data.tollgate.lib.kubernetes.pod_specs
import rego.v1

deny contains {
	"msg": sprintf("Volume `%s` in %s mounts the node's path `%s` (hostPath)", [volume_name(v), display, host_path(v)]),
	"path": array.concat(p.path, ["volumes", i, "hostPath"]),
} if {
	some p in pod_specs
	some i, v in array_of(p.spec.volumes)
	is_object(v)
	"hostPath" in object.keys(v)
}

# A PersistentVolume backed by a directory of whichever node mounts it.
deny contains {
	"msg": sprintf("PersistentVolume `%s` exposes the node's path `%s` (hostPath)", [name, host_path(input.spec)]),
	"path": ["spec", "hostPath"],
} if {
	input.kind == "PersistentVolume"
	is_object(input.spec)
	"hostPath" in object.keys(input.spec)
}

volume_name(v) := v.name if is_string(v.name)

volume_name(v) := "<unnamed>" if not is_string(v.name)

host_path(v) := v.hostPath.path if is_string(v.hostPath.path)

host_path(v) := "<unset>" if not is_string(v.hostPath.path)

# The value if it is a list, else an empty list (`ports:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
