package tollgate.kubernetes.rbac_secrets_access_test

import data.tollgate.kubernetes.rbac_secrets_access
import rego.v1

role(kind, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": "reader", "namespace": "prod"}, "rules": rules}

test_list_secrets_warned if {
	r := rbac_secrets_access.warn with input as role("ClusterRole", [
		{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]},
		{"apiGroups": [""], "resources": ["secrets", "configmaps"], "verbs": ["get", "list", "watch"]},
	])
	count(r) == 1
	some f in r
	f.path == ["rules", 1, "resources"]
	contains(f.msg, "`get`, `list`, `watch`")
}

test_wildcard_verbs_on_secrets_warned if {
	count(rbac_secrets_access.warn) == 1 with input as role("Role", [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["*"]}])
}

test_write_only_allowed if {
	count(rbac_secrets_access.warn) == 0 with input as role("Role", [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["create", "update", "patch"]}])
}

test_resource_names_allowed if {
	count(rbac_secrets_access.warn) == 0 with input as role("Role", [{"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["app-tls"], "verbs": ["get"]}])
}

test_non_core_group_allowed if {
	count(rbac_secrets_access.warn) == 0 with input as role("Role", [{"apiGroups": ["bitnami.com"], "resources": ["secrets"], "verbs": ["get"]}])
}

test_binding_ignored if {
	count(rbac_secrets_access.warn) == 0 with input as {"kind": "RoleBinding", "metadata": {"name": "x"}, "roleRef": {"name": "secrets"}}
}

test_null_fields_ignored if {
	count(rbac_secrets_access.warn) == 0 with input as role("Role", null)
	count(rbac_secrets_access.warn) == 0 with input as role("Role", [{"apiGroups": null, "resources": null, "verbs": ["get"]}])
}
