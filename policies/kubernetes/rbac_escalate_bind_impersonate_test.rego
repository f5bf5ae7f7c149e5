package tollgate.kubernetes.rbac_escalate_bind_impersonate_test

import data.tollgate.kubernetes.rbac_escalate_bind_impersonate
import rego.v1

role(kind, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": "ops"}, "rules": rules}

test_bind_and_escalate_denied_once_per_rule if {
	r := rbac_escalate_bind_impersonate.deny with input as role("ClusterRole", [
		{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]},
		{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles", "roles"], "verbs": ["get", "bind", "escalate"]},
	])
	count(r) == 1
	some f in r
	f.path == ["rules", 1, "verbs"]
	contains(f.msg, "`bind`, `escalate`")
}

test_impersonate_denied if {
	count(rbac_escalate_bind_impersonate.deny) == 1 with input as role("Role", [{"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["impersonate"]}])
}

test_scoped_to_resource_names_allowed if {
	count(rbac_escalate_bind_impersonate.deny) == 0 with input as role("ClusterRole", [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["bind"], "resourceNames": ["tenant-viewer"]}])
}

test_ordinary_verbs_allowed if {
	count(rbac_escalate_bind_impersonate.deny) == 0 with input as role("ClusterRole", [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["rolebindings"], "verbs": ["get", "list", "create"]}])
}

test_wildcard_left_to_wildcard_rule if {
	count(rbac_escalate_bind_impersonate.deny) == 0 with input as role("ClusterRole", [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}])
}

test_odd_shapes_ignored if {
	count(rbac_escalate_bind_impersonate.deny) == 0 with input as role("Role", null)
	count(rbac_escalate_bind_impersonate.deny) == 0 with input as role("Role", [{"verbs": [1, null]}])
	count(rbac_escalate_bind_impersonate.deny) == 0 with input as {"kind": "ConfigMap", "metadata": {"name": "x"}, "rules": [{"verbs": ["bind"]}]}
}
