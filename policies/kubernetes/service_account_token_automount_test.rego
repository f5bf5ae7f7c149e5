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

workflow(spec) := {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"generateName": "ci-"}, "spec": spec}

test_workflow_unset_reported_once_on_workflow_spec if {
	r := service_account_token_automount.warn with input as workflow({"templates": [
		{"name": "a", "container": {"image": "x:1"}},
		{"name": "b", "script": {"image": "x:1", "source": "true"}},
	]})
	{f.path | some f in r} == {["spec"]}
}

test_workflow_level_false_allowed if {
	count(service_account_token_automount.warn) == 0 with input as workflow({"automountServiceAccountToken": false, "templates": [{"name": "a", "container": {"image": "x:1"}}]})
}

test_workflow_every_template_sets_false_allowed if {
	count(service_account_token_automount.warn) == 0 with input as workflow({"templates": [
		{"name": "main", "steps": [[{"name": "a", "template": "a"}]]},
		{"name": "a", "container": {"image": "x:1"}, "automountServiceAccountToken": false},
	]})
}

test_workflow_template_true_reported if {
	r := service_account_token_automount.warn with input as workflow({"automountServiceAccountToken": false, "templates": [{"name": "a", "container": {"image": "x:1"}, "automountServiceAccountToken": true}]})
	{f.path | some f in r} == {["spec", "templates", 0, "automountServiceAccountToken"]}
}

service_account(name, namespace, automount) := {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name, "namespace": namespace}, "automountServiceAccountToken": automount}

test_service_account_deployed_with_it_turns_the_token_off if {
	d := deployment({"serviceAccountName": "web", "containers": [{"name": "app"}]})
	count(service_account_token_automount.warn) == 0 with input as d
		with data.tollgate.manifests as [d, service_account("web", "prod", false)]
}

test_service_account_elsewhere_or_allowing_it_still_reported if {
	d := deployment({"serviceAccountName": "web", "containers": [{"name": "app"}]})
	count(service_account_token_automount.warn) == 1 with input as d
		with data.tollgate.manifests as [d, service_account("web", "other", false)]
	count(service_account_token_automount.warn) == 1 with input as d
		with data.tollgate.manifests as [d, service_account("web", "prod", true)]
	count(service_account_token_automount.warn) == 1 with input as d
		with data.tollgate.manifests as [d, service_account("api", "prod", false)]
}

test_default_service_account_counts if {
	d := deployment({"containers": [{"name": "app"}]})
	count(service_account_token_automount.warn) == 0 with input as d
		with data.tollgate.manifests as [d, service_account("default", "prod", false)]
}
