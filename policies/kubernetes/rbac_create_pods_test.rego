package tollgate.kubernetes.rbac_create_pods_test

import data.tollgate.kubernetes.rbac_create_pods
import rego.v1

role(kind, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": "runner", "namespace": "ci"}, "rules": rules}

test_create_pods_warned if {
	r := rbac_create_pods.warn with input as role("Role", [
		{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]},
		{"apiGroups": [""], "resources": ["pods", "pods/log"], "verbs": ["get", "list", "create", "delete"]},
	])
	count(r) == 1
	some f in r
	f.path == ["rules", 1, "resources"]
	contains(f.msg, "`create` on `pods`")
}

test_cluster_role_with_wildcard_verb_and_group_warned if {
	count(rbac_create_pods.warn) == 1 with input as role("ClusterRole", [{"apiGroups": ["*"], "resources": ["pods"], "verbs": ["*"]}])
}

test_read_only_allowed if {
	count(rbac_create_pods.warn) == 0 with input as role("Role", [{"apiGroups": [""], "resources": ["pods", "pods/log"], "verbs": ["get", "list", "watch"]}])
}

test_other_group_allowed if {
	# `pods` of the metrics API are read-only metrics, not workloads.
	count(rbac_create_pods.warn) == 0 with input as role("ClusterRole", [{"apiGroups": ["metrics.k8s.io"], "resources": ["pods"], "verbs": ["create"]}])
}

test_subresource_and_workloads_allowed if {
	count(rbac_create_pods.warn) == 0 with input as role("Role", [
		{"apiGroups": [""], "resources": ["pods/eviction"], "verbs": ["create"]},
		{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["create"]},
	])
}

test_odd_shapes_ignored if {
	count(rbac_create_pods.warn) == 0 with input as role("Role", null)
	count(rbac_create_pods.warn) == 0 with input as role("Role", [{"apiGroups": null, "resources": ["pods"], "verbs": ["create"]}])
	count(rbac_create_pods.warn) == 0 with input as {"kind": "RoleBinding", "metadata": {"name": "x"}, "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["create"]}]}
}
