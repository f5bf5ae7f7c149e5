package tollgate.kubernetes.rbac_anonymous_binding_test

import data.tollgate.kubernetes.rbac_anonymous_binding
import rego.v1

binding(kind, role, subjects) := {
	"apiVersion": "rbac.authorization.k8s.io/v1",
	"kind": kind,
	"metadata": {"name": "public"},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
	"subjects": subjects,
}

group(n) := {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": n}

test_unauthenticated_group_denied if {
	r := rbac_anonymous_binding.deny with input as binding("ClusterRoleBinding", "view", [group("ops"), group("system:unauthenticated")])
	count(r) == 1
	some f in r
	f.path == ["subjects", 1, "name"]
	contains(f.msg, "`system:unauthenticated`")
}

test_anonymous_user_and_authenticated_group_denied if {
	r := rbac_anonymous_binding.deny with input as binding("RoleBinding", "edit", [
		{"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "system:anonymous"},
		group("system:authenticated"),
	])
	count(r) == 2
}

test_default_discovery_bindings_allowed if {
	count(rbac_anonymous_binding.deny) == 0 with input as binding("ClusterRoleBinding", "system:public-info-viewer", [group("system:authenticated"), group("system:unauthenticated")])
	count(rbac_anonymous_binding.deny) == 0 with input as binding("ClusterRoleBinding", "system:discovery", [group("system:authenticated")])
}

test_named_subjects_allowed if {
	count(rbac_anonymous_binding.deny) == 0 with input as binding("RoleBinding", "view", [
		group("shop-developers"),
		{"kind": "ServiceAccount", "name": "system:anonymous", "namespace": "shop"},
	])
}

test_odd_shapes_ignored if {
	count(rbac_anonymous_binding.deny) == 0 with input as binding("RoleBinding", "view", null)
	count(rbac_anonymous_binding.deny) == 0 with input as binding("RoleBinding", "view", [{"kind": 1, "name": "system:anonymous"}])
	count(rbac_anonymous_binding.deny) == 0 with input as {"kind": "ClusterRole", "metadata": {"name": "x"}, "subjects": [group("system:unauthenticated")]}
}
