package tollgate.kubernetes.rbac_default_service_account_binding_test

import data.tollgate.kubernetes.rbac_default_service_account_binding
import rego.v1

binding(kind, subjects) := {
	"apiVersion": "rbac.authorization.k8s.io/v1",
	"kind": kind,
	"metadata": {"name": "reader", "namespace": "shop"},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "config-reader"},
	"subjects": subjects,
}

test_default_sa_warned if {
	r := rbac_default_service_account_binding.warn with input as binding("RoleBinding", [{"kind": "ServiceAccount", "name": "default"}])
	count(r) == 1
	some f in r
	f.path == ["subjects", 0, "name"]
	contains(f.msg, "namespace `shop`")
}

test_default_sa_of_other_namespace_warned if {
	r := rbac_default_service_account_binding.warn with input as binding("ClusterRoleBinding", [
		{"kind": "ServiceAccount", "name": "api", "namespace": "shop"},
		{"kind": "ServiceAccount", "name": "default", "namespace": "jobs"},
	])
	count(r) == 1
	some f in r
	f.path == ["subjects", 1, "name"]
	contains(f.msg, "namespace `jobs`")
}

test_dedicated_sa_allowed if {
	count(rbac_default_service_account_binding.warn) == 0 with input as binding("RoleBinding", [{"kind": "ServiceAccount", "name": "reporter", "namespace": "shop"}])
}

test_user_named_default_allowed if {
	count(rbac_default_service_account_binding.warn) == 0 with input as binding("RoleBinding", [{"kind": "User", "name": "default"}])
}

test_null_subjects_ignored if {
	count(rbac_default_service_account_binding.warn) == 0 with input as binding("RoleBinding", null)
}
