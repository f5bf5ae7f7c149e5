package tollgate.kubernetes.root_group_test

import data.tollgate.kubernetes.root_group
import rego.v1

deployment(spec) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": spec}}}

test_pod_level_root_groups_warned if {
	r := root_group.warn with input as deployment({
		"securityContext": {"runAsUser": 1000, "runAsGroup": 0, "fsGroup": 0, "supplementalGroups": [1000, 0]},
		"containers": [{"name": "app"}],
	})
	{f.path | some f in r} == {
		["spec", "template", "spec", "securityContext", "runAsGroup"],
		["spec", "template", "spec", "securityContext", "fsGroup"],
		["spec", "template", "spec", "securityContext", "supplementalGroups"],
	}
}

test_container_run_as_group_zero_warned if {
	p := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"containers": [{"name": "a", "securityContext": {"runAsGroup": 0}}]}}
	r := root_group.warn with input as p
	count(r) == 1
	some f in r
	f.path == ["spec", "containers", 0, "securityContext", "runAsGroup"]
}

test_cronjob_init_container_warned if {
	cron := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {
		"initContainers": [{"name": "init", "securityContext": {"runAsGroup": 0}}],
		"containers": [{"name": "job"}],
	}}}}}}
	count(root_group.warn) == 1 with input as cron
}

test_non_zero_groups_allowed if {
	count(root_group.warn) == 0 with input as deployment({
		"securityContext": {"runAsGroup": 10001, "fsGroup": 10001, "supplementalGroups": [10002]},
		"containers": [{"name": "app", "securityContext": {"runAsGroup": 10001}}],
	})
}

test_unset_allowed if {
	count(root_group.warn) == 0 with input as deployment({"containers": [{"name": "app"}]})
}

test_null_supplemental_groups_ignored if {
	count(root_group.warn) == 0 with input as deployment({"securityContext": {"supplementalGroups": null}, "containers": [{"name": "app"}]})
}
