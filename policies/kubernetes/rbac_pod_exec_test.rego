package tollgate.kubernetes.rbac_pod_exec_test

import data.tollgate.kubernetes.rbac_pod_exec
import rego.v1

role(rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "dev", "namespace": "shop"}, "rules": rules}

test_exec_create_warned if {
	r := rbac_pod_exec.warn with input as role([
		{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]},
		{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]},
	])
	count(r) == 1
	some f in r
	f.path == ["rules", 1, "resources"]
	contains(f.msg, "`pods/exec`")
}

test_exec_get_warned if {
	count(rbac_pod_exec.warn) == 1 with input as role([{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["get"]}])
}

test_exec_and_attach_in_one_rule_warned_per_subresource if {
	r := rbac_pod_exec.warn with input as role([{"apiGroups": [""], "resources": ["pods/exec", "pods/attach"], "verbs": ["create"]}])
	count(r) == 2
}

test_any_exec_subresource_warned if {
	count(rbac_pod_exec.warn) == 1 with input as role([{"apiGroups": ["*"], "resources": ["*/exec"], "verbs": ["*"]}])
}

test_ephemeral_containers_patch_warned if {
	count(rbac_pod_exec.warn) == 1 with input as role([{"apiGroups": [""], "resources": ["pods/ephemeralcontainers"], "verbs": ["patch"]}])
}

test_read_only_allowed if {
	count(rbac_pod_exec.warn) == 0 with input as role([
		{"apiGroups": [""], "resources": ["pods", "pods/log"], "verbs": ["get", "list", "watch"]},
		{"apiGroups": [""], "resources": ["pods/ephemeralcontainers"], "verbs": ["get"]},
	])
}

test_other_kinds_ignored if {
	count(rbac_pod_exec.warn) == 0 with input as {"kind": "ConfigMap", "metadata": {"name": "x"}, "rules": [{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]}]}
	count(rbac_pod_exec.warn) == 0 with input as role(null)
}
