package tollgate.kubernetes.cluster_admin_binding_test

import data.tollgate.kubernetes.cluster_admin_binding
import rego.v1

binding(kind, role) := {
	"apiVersion": "rbac.authorization.k8s.io/v1",
	"kind": kind,
	"metadata": {"name": "ci-deployer"},
	"subjects": [{"kind": "ServiceAccount", "name": "ci", "namespace": "ci"}],
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
}

test_cluster_role_binding_denied if {
	r := cluster_admin_binding.deny with input as binding("ClusterRoleBinding", "cluster-admin")
	count(r) == 1
	some f in r
	f.path == ["roleRef", "name"]
}

test_role_binding_denied if {
	count(cluster_admin_binding.deny) == 1 with input as binding("RoleBinding", "cluster-admin")
}

test_other_roles_allowed if {
	count(cluster_admin_binding.deny) == 0 with input as binding("ClusterRoleBinding", "view")
	count(cluster_admin_binding.deny) == 0 with input as binding("RoleBinding", "edit")
}

test_namespaced_role_named_cluster_admin_allowed if {
	b := object.union(binding("RoleBinding", "cluster-admin"), {"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "cluster-admin"}})
	count(cluster_admin_binding.deny) == 0 with input as b
}
