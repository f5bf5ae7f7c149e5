package tollgate.kubernetes.rbac_wildcard_test

import data.tollgate.kubernetes.rbac_wildcard
import rego.v1

role(kind, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": "ops"}, "rules": rules}

test_wildcard_verbs_denied if {
	r := rbac_wildcard.deny with input as role("Role", [
		{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]},
		{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["*"]},
	])
	count(r) == 1
	some f in r
	f.path == ["rules", 1, "verbs"]
}

test_full_wildcard_cluster_role_denied_per_field if {
	r := rbac_wildcard.deny with input as role("ClusterRole", [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}])
	{f.path | some f in r} == {["rules", 0, "apiGroups"], ["rules", 0, "resources"], ["rules", 0, "verbs"]}
}

test_explicit_rules_allowed if {
	count(rbac_wildcard.deny) == 0 with input as role("ClusterRole", [{"apiGroups": ["", "apps"], "resources": ["pods", "deployments"], "verbs": ["get", "list", "watch"]}])
}

test_subresource_pattern_allowed if {
	# `pods/*` is not a wildcard over resources; only the exact `*` value is.
	count(rbac_wildcard.deny) == 0 with input as role("Role", [{"apiGroups": [""], "resources": ["pods/log"], "verbs": ["get"]}])
}

test_aggregated_cluster_role_without_rules_allowed if {
	count(rbac_wildcard.deny) == 0 with input as {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "agg"}, "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"x": "true"}}]}}
}

test_other_kinds_ignored if {
	count(rbac_wildcard.deny) == 0 with input as {"kind": "ConfigMap", "metadata": {"name": "x"}, "rules": [{"verbs": ["*"]}]}
}

test_null_rules_ignored if {
	count(rbac_wildcard.deny) == 0 with input as role("Role", null)
	count(rbac_wildcard.deny) == 0 with input as role("Role", [{"apiGroups": null, "resources": ["pods"], "verbs": null}])
}
