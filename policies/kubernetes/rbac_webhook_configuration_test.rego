package tollgate.kubernetes.rbac_webhook_configuration_test

import data.tollgate.kubernetes.rbac_webhook_configuration
import rego.v1

role(kind, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": "policy-admin"}, "rules": rules}

test_write_access_warned_per_resource if {
	r := rbac_webhook_configuration.warn with input as role("ClusterRole", [{"apiGroups": ["admissionregistration.k8s.io"], "resources": ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"], "verbs": ["get", "list", "create", "delete"]}])
	count(r) == 2
	every f in r {
		f.path == ["rules", 0, "resources"]
	}
}

test_scoped_patch_allowed if {
	count(rbac_webhook_configuration.warn) == 0 with input as role("ClusterRole", [{"apiGroups": ["admissionregistration.k8s.io"], "resources": ["validatingwebhookconfigurations"], "resourceNames": ["cert-manager-webhook"], "verbs": ["get", "update", "patch"]}])
}

test_scoped_create_still_warned if {
	r := rbac_webhook_configuration.warn with input as role("ClusterRole", [{"apiGroups": ["admissionregistration.k8s.io"], "resources": ["mutatingwebhookconfigurations"], "resourceNames": ["mine"], "verbs": ["create", "patch"]}])
	count(r) == 1
	some f in r
	contains(f.msg, "`create`")
	not contains(f.msg, "`patch`")
}

test_read_only_allowed if {
	count(rbac_webhook_configuration.warn) == 0 with input as role("ClusterRole", [{"apiGroups": ["admissionregistration.k8s.io"], "resources": ["validatingwebhookconfigurations"], "verbs": ["get", "list", "watch"]}])
}

test_other_group_and_kind_ignored if {
	count(rbac_webhook_configuration.warn) == 0 with input as role("ClusterRole", [{"apiGroups": [""], "resources": ["validatingwebhookconfigurations"], "verbs": ["create"]}])
	count(rbac_webhook_configuration.warn) == 0 with input as role("Role", [{"apiGroups": ["admissionregistration.k8s.io"], "resources": ["validatingwebhookconfigurations"], "verbs": ["create"]}])
	count(rbac_webhook_configuration.warn) == 0 with input as role("ClusterRole", null)
}
