# METADATA
# title: hostPath volume
# description: >-
#   A hostPath volume mounts a file or directory of the node into the pod. Paths such as `/`,
#   `/var/run/docker.sock`, `/var/lib/kubelet` or `/etc` give a direct route to node takeover, and even
#   read-only mounts leak credentials of other pods. The Pod Security Standards baseline profile forbids it.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
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
#   frameworks:
#     - Kubernetes Pod Security Standards (baseline)
#     - CIS Kubernetes Benchmark v1.8 5.2.12
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
package tollgate.kubernetes.host_path_volume

import data.tollgate.lib.kubernetes.display
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

volume_name(v) := v.name if is_string(v.name)

volume_name(v) := "<unnamed>" if not is_string(v.name)

host_path(v) := v.hostPath.path if is_string(v.hostPath.path)

host_path(v) := "<unset>" if not is_string(v.hostPath.path)

# The value if it is a list, else an empty list (`ports:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
