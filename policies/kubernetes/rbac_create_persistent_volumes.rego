# METADATA
# title: RBAC role can create PersistentVolumes
# description: >-
#   A PersistentVolume is defined by whoever creates it: `create` on `persistentvolumes` lets the subject
#   declare a `hostPath` (or NFS, iSCSI...) volume pointing at any directory of a node, claim it from a
#   namespace, and mount the node's filesystem into a pod, which Pod Security Admission does not see.
#   Users should create PersistentVolumeClaims and let a StorageClass provision the volumes.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation
#   - ref: https://kubernetes.io/docs/concepts/storage/persistent-volumes/
# custom:
#   id: TG-K8S-042
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Grant PersistentVolumeClaims instead, and provision volumes through a StorageClass:
#
#         rules:
#           - apiGroups: [""]
#             resources: ["persistentvolumeclaims"]
#             verbs: ["get", "list", "create", "delete"]
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.9
#   resource_types: [ClusterRole]
package tollgate.kubernetes.rbac_create_persistent_volumes

import data.tollgate.lib.kubernetes.name
import rego.v1

# PersistentVolumes are cluster-scoped: only a ClusterRole (bound cluster-wide) grants them.
warn contains {
	"msg": sprintf("ClusterRole `%s` grants `%s` on `persistentvolumes` in rule %d", [name, verb, i + 1]),
	"path": ["rules", i, "resources"],
} if {
	input.kind == "ClusterRole"
	some i, rule in array_of(input.rules)
	"persistentvolumes" in array_of(rule.resources)
	core_group(rule)
	verb := granted_verb(rule)
}

# `create`, or `*` when the rule grants every verb (also reported by TG-K8S-020).
granted_verb(rule) := "create" if "create" in array_of(rule.verbs)

else := "*" if "*" in array_of(rule.verbs)

core_group(rule) if "" in array_of(rule.apiGroups)

core_group(rule) if "*" in array_of(rule.apiGroups)

# The value if it is a list, else an empty list (`rules:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
