package tollgate.kubernetes.service_account_token_automount_test

import data.tollgate.kubernetes.service_account_token_automount
import rego.v1

deployment(spec) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": spec}}}

test_unset_points_at_pod_spec if {
	r := service_account_token_automount.warn with input as deployment({"containers": [{"name": "app"}]})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec"]
}

test_true_points_at_field if {
	r := service_account_token_automount.warn with input as deployment({"automountServiceAccountToken": true, "containers": [{"name": "app"}]})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "automountServiceAccountToken"]
}

test_false_allowed if {
	count(service_account_token_automount.warn) == 0 with input as deployment({"automountServiceAccountToken": false, "containers": [{"name": "app"}]})
}

test_pod_and_cronjob if {
	r := service_account_token_automount.warn with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"containers": [{"name": "a"}]}}
	{f.path | some f in r} == {["spec"]}
	r2 := service_account_token_automount.warn with input as {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "a"}]}}}}}}
	{f.path | some f in r2} == {["spec", "jobTemplate", "spec", "template", "spec"]}
}

test_service_account_object_ignored if {
	count(service_account_token_automount.warn) == 0 with input as {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "web"}}
}
