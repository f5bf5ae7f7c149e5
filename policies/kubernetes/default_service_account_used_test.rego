package tollgate.kubernetes.default_service_account_used_test

import data.tollgate.kubernetes.default_service_account_used
import rego.v1

deployment(spec) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": spec}}}

test_unset_points_at_pod_spec if {
	r := default_service_account_used.warn with input as deployment({"containers": [{"name": "app"}]})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec"]
}

test_explicit_default_points_at_field if {
	r := default_service_account_used.warn with input as deployment({"serviceAccountName": "default", "containers": [{"name": "app"}]})
	{f.path | some f in r} == {["spec", "template", "spec", "serviceAccountName"]}
	r2 := default_service_account_used.warn with input as deployment({"serviceAccount": "default", "containers": [{"name": "app"}]})
	{f.path | some f in r2} == {["spec", "template", "spec", "serviceAccount"]}
}

test_dedicated_service_account_allowed if {
	count(default_service_account_used.warn) == 0 with input as deployment({"serviceAccountName": "web", "containers": [{"name": "app"}]})
	count(default_service_account_used.warn) == 0 with input as deployment({"serviceAccount": "web", "containers": [{"name": "app"}]})
}

test_token_disabled_allowed if {
	count(default_service_account_used.warn) == 0 with input as deployment({"automountServiceAccountToken": false, "containers": [{"name": "app"}]})
}

test_default_service_account_deployed_without_token_allowed if {
	d := deployment({"containers": [{"name": "app"}]})
	sa := {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default", "namespace": "prod"}, "automountServiceAccountToken": false}
	count(default_service_account_used.warn) == 0 with input as d with data.tollgate.manifests as [d, sa]
	other := {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default", "namespace": "dev"}, "automountServiceAccountToken": false}
	count(default_service_account_used.warn) == 1 with input as d with data.tollgate.manifests as [d, other]
}

workflow(spec) := {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"generateName": "ci-"}, "spec": spec}

test_workflow_reported_once_on_workflow_spec if {
	r := default_service_account_used.warn with input as workflow({"templates": [
		{"name": "a", "container": {"image": "x:1"}},
		{"name": "b", "script": {"image": "x:1", "source": "true"}},
	]})
	{f.path | some f in r} == {["spec"]}
}

test_workflow_with_service_account_allowed if {
	count(default_service_account_used.warn) == 0 with input as workflow({"serviceAccountName": "ci-runner", "templates": [{"name": "a", "container": {"image": "x:1"}}]})
}

test_workflow_every_template_overrides_allowed if {
	count(default_service_account_used.warn) == 0 with input as workflow({"templates": [
		{"name": "a", "container": {"image": "x:1"}, "serviceAccountName": "builder"},
		{"name": "b", "container": {"image": "x:1"}, "automountServiceAccountToken": false},
	]})
}

test_non_workloads_ignored if {
	count(default_service_account_used.warn) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {"ports": [{"port": 80}]}}
}
