package tollgate.kubernetes.rbac_create_persistent_volumes_test

import data.tollgate.kubernetes.rbac_create_persistent_volumes
import rego.v1

role(kind, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": "storage-admin"}, "rules": rules}

test_create_pv_warned if {
	r := rbac_create_persistent_volumes.warn with input as role("ClusterRole", [
		{"apiGroups": [""], "resources": ["persistentvolumeclaims"], "verbs": ["create"]},
		{"apiGroups": [""], "resources": ["persistentvolumes"], "verbs": ["get", "list", "create"]},
	])
	count(r) == 1
	some f in r
	f.path == ["rules", 1, "resources"]
}

test_wildcard_verb_warned if {
	count(rbac_create_persistent_volumes.warn) == 1 with input as role("ClusterRole", [{"apiGroups": ["*"], "resources": ["persistentvolumes"], "verbs": ["*"]}])
}

test_read_and_claims_allowed if {
	count(rbac_create_persistent_volumes.warn) == 0 with input as role("ClusterRole", [
		{"apiGroups": [""], "resources": ["persistentvolumes"], "verbs": ["get", "list", "watch", "delete"]},
		{"apiGroups": [""], "resources": ["persistentvolumeclaims"], "verbs": ["create"]},
	])
}

test_namespaced_role_ignored if {
	count(rbac_create_persistent_volumes.warn) == 0 with input as role("Role", [{"apiGroups": [""], "resources": ["persistentvolumes"], "verbs": ["create"]}])
}

test_null_rules_ignored if {
	count(rbac_create_persistent_volumes.warn) == 0 with input as role("ClusterRole", null)
}
