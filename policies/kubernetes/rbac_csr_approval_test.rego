package tollgate.kubernetes.rbac_csr_approval_test

import data.tollgate.kubernetes.rbac_csr_approval
import rego.v1

role(kind, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": "csr-approver"}, "rules": rules}

test_approval_update_warned if {
	r := rbac_csr_approval.warn with input as role("ClusterRole", [
		{"apiGroups": ["certificates.k8s.io"], "resources": ["certificatesigningrequests"], "verbs": ["get", "list", "watch"]},
		{"apiGroups": ["certificates.k8s.io"], "resources": ["certificatesigningrequests/approval"], "verbs": ["update"]},
		{"apiGroups": ["certificates.k8s.io"], "resources": ["signers"], "resourceNames": ["kubernetes.io/kube-apiserver-client"], "verbs": ["approve"]},
	])
	count(r) == 1
	some f in r
	f.path == ["rules", 1, "resources"]
}

test_wildcard_group_and_any_approval_warned if {
	count(rbac_csr_approval.warn) == 1 with input as role("ClusterRole", [{"apiGroups": ["*"], "resources": ["*/approval"], "verbs": ["patch"]}])
}

test_read_only_allowed if {
	count(rbac_csr_approval.warn) == 0 with input as role("ClusterRole", [{"apiGroups": ["certificates.k8s.io"], "resources": ["certificatesigningrequests", "certificatesigningrequests/approval"], "verbs": ["get", "list"]}])
}

test_wrong_group_and_role_ignored if {
	count(rbac_csr_approval.warn) == 0 with input as role("ClusterRole", [{"apiGroups": [""], "resources": ["certificatesigningrequests/approval"], "verbs": ["update"]}])
	count(rbac_csr_approval.warn) == 0 with input as role("Role", [{"apiGroups": ["certificates.k8s.io"], "resources": ["certificatesigningrequests/approval"], "verbs": ["update"]}])
	count(rbac_csr_approval.warn) == 0 with input as role("ClusterRole", null)
}
