package tollgate.kubernetes.rbac_service_account_token_test

import data.tollgate.kubernetes.rbac_service_account_token
import rego.v1

role(kind, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": "token-minter", "namespace": "ci"}, "rules": rules}

test_token_create_warned if {
	r := rbac_service_account_token.warn with input as role("Role", [
		{"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["get", "list"]},
		{"apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["create"]},
	])
	count(r) == 1
	some f in r
	f.path == ["rules", 1, "resources"]
}

test_any_token_subresource_with_wildcard_verb_warned if {
	count(rbac_service_account_token.warn) == 1 with input as role("ClusterRole", [{"apiGroups": ["*"], "resources": ["*/token"], "verbs": ["*"]}])
}

test_scoped_allowed if {
	count(rbac_service_account_token.warn) == 0 with input as role("Role", [{"apiGroups": [""], "resources": ["serviceaccounts/token"], "resourceNames": ["image-puller"], "verbs": ["create"]}])
}

test_other_verbs_and_resources_allowed if {
	count(rbac_service_account_token.warn) == 0 with input as role("Role", [
		{"apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["get"]},
		{"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["create"]},
	])
}

test_odd_shapes_ignored if {
	count(rbac_service_account_token.warn) == 0 with input as role("Role", null)
	count(rbac_service_account_token.warn) == 0 with input as {"kind": "RoleBinding", "metadata": {"name": "x"}, "rules": [{"apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["create"]}]}
}
