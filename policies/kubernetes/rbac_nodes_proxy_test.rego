package tollgate.kubernetes.rbac_nodes_proxy_test

import data.tollgate.kubernetes.rbac_nodes_proxy
import rego.v1

role(rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "prometheus"}, "rules": rules}

test_nodes_proxy_get_denied if {
	r := rbac_nodes_proxy.deny with input as role([
		{"apiGroups": [""], "resources": ["nodes", "nodes/metrics"], "verbs": ["get", "list", "watch"]},
		{"apiGroups": [""], "resources": ["nodes/proxy"], "verbs": ["get"]},
	])
	count(r) == 1
	some f in r
	f.path == ["rules", 1, "resources"]
}

test_any_proxy_subresource_denied if {
	count(rbac_nodes_proxy.deny) == 1 with input as role([{"apiGroups": ["*"], "resources": ["*/proxy"], "verbs": ["create"]}])
}

test_same_rule_reported_once if {
	count(rbac_nodes_proxy.deny) == 1 with input as role([{"apiGroups": [""], "resources": ["nodes/proxy", "*/proxy"], "verbs": ["get", "create"]}])
}

test_metrics_allowed if {
	count(rbac_nodes_proxy.deny) == 0 with input as role([{"apiGroups": [""], "resources": ["nodes", "nodes/metrics", "nodes/stats", "services/proxy"], "verbs": ["get"]}])
}

test_no_verbs_allowed if {
	count(rbac_nodes_proxy.deny) == 0 with input as role([{"apiGroups": [""], "resources": ["nodes/proxy"], "verbs": []}])
}

test_other_kinds_ignored if {
	count(rbac_nodes_proxy.deny) == 0 with input as {"kind": "ConfigMap", "metadata": {"name": "x"}, "rules": [{"apiGroups": [""], "resources": ["nodes/proxy"], "verbs": ["get"]}]}
	count(rbac_nodes_proxy.deny) == 0 with input as role(null)
}
