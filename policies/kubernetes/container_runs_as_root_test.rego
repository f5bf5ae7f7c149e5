package tollgate.kubernetes.container_runs_as_root_test

import data.tollgate.kubernetes.container_runs_as_root
import rego.v1

deployment(spec) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": spec}}}

pod(spec) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "debug"}, "spec": spec}

cronjob(spec) := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "backup"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": spec}}}}}

app(sc) := {"name": "app", "image": "nginx:1.27", "securityContext": sc}

test_no_security_context_denied if {
	r := container_runs_as_root.deny with input as deployment({"containers": [{"name": "app", "image": "nginx:1.27"}]})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0]
}

test_pod_level_run_as_non_root_allowed if {
	count(container_runs_as_root.deny) == 0 with input as deployment({
		"securityContext": {"runAsNonRoot": true},
		"initContainers": [app({})],
		"containers": [app({})],
	})
}

test_container_level_run_as_non_root_allowed if {
	count(container_runs_as_root.deny) == 0 with input as pod({"containers": [app({"runAsNonRoot": true})]})
}

test_container_overrides_pod_run_as_non_root_denied if {
	r := container_runs_as_root.deny with input as pod({"securityContext": {"runAsNonRoot": true}, "containers": [app({"runAsNonRoot": false})]})
	count(r) == 1
	some f in r
	f.path == ["spec", "containers", 0]
}

test_container_run_as_user_zero_points_at_field if {
	r := container_runs_as_root.deny with input as pod({"securityContext": {"runAsNonRoot": true}, "containers": [app({"runAsUser": 0})]})
	count(r) == 1
	some f in r
	f.path == ["spec", "containers", 0, "securityContext", "runAsUser"]
}

test_pod_run_as_user_zero_reported_once_on_pod_field if {
	r := container_runs_as_root.deny with input as cronjob({
		"securityContext": {"runAsUser": 0},
		"initContainers": [{"name": "init", "image": "busybox:1.36"}],
		"containers": [{"name": "job", "image": "busybox:1.36"}],
	})
	count(r) == 1
	some f in r
	f.path == ["spec", "jobTemplate", "spec", "template", "spec", "securityContext", "runAsUser"]
}

test_pod_run_as_user_zero_overridden_by_container_allowed if {
	count(container_runs_as_root.deny) == 0 with input as pod({"securityContext": {"runAsUser": 0}, "containers": [app({"runAsUser": 1000})]})
}

test_non_zero_uid_without_run_as_non_root_allowed if {
	count(container_runs_as_root.deny) == 0 with input as deployment({"securityContext": {"runAsUser": 10001}, "containers": [app({})]})
}

test_init_container_in_cronjob_denied if {
	r := container_runs_as_root.deny with input as cronjob({
		"initContainers": [{"name": "init", "image": "busybox:1.36"}],
		"containers": [app({"runAsNonRoot": true})],
	})
	count(r) == 1
	some f in r
	f.path == ["spec", "jobTemplate", "spec", "template", "spec", "initContainers", 0]
}
