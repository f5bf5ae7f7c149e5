package tollgate.kubernetes.default_service_account_automount_test

import data.tollgate.kubernetes.default_service_account_automount
import rego.v1

sa(name, extra) := object.union({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name, "namespace": "shop"}}, extra)

test_unset_warned_on_document if {
	r := default_service_account_automount.warn with input as sa("default", {"imagePullSecrets": [{"name": "registry"}]})
	count(r) == 1
	some f in r
	f.path == []
}

test_true_warned_on_field if {
	r := default_service_account_automount.warn with input as sa("default", {"automountServiceAccountToken": true})
	{f.path | some f in r} == {["automountServiceAccountToken"]}
}

test_false_allowed if {
	count(default_service_account_automount.warn) == 0 with input as sa("default", {"automountServiceAccountToken": false})
}

test_other_service_accounts_ignored if {
	count(default_service_account_automount.warn) == 0 with input as sa("checkout", {})
	count(default_service_account_automount.warn) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "default"}}
}
