package tollgate.kubernetes.writable_root_filesystem_test

import data.tollgate.kubernetes.writable_root_filesystem
import rego.v1

deployment(sc) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.27", "securityContext": sc}]}}}}

test_unset_points_at_container if {
	r := writable_root_filesystem.warn with input as deployment({})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0]
}

test_false_points_at_field if {
	r := writable_root_filesystem.warn with input as deployment({"readOnlyRootFilesystem": false})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0, "securityContext", "readOnlyRootFilesystem"]
}

test_true_allowed if {
	count(writable_root_filesystem.warn) == 0 with input as deployment({"readOnlyRootFilesystem": true})
}

test_pod_init_and_cronjob_warned if {
	p := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {
		"initContainers": [{"name": "init"}],
		"containers": [{"name": "app", "securityContext": {"readOnlyRootFilesystem": true}}],
	}}
	r := writable_root_filesystem.warn with input as p
	{f.path | some f in r} == {["spec", "initContainers", 0]}
	cron := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "job"}]}}}}}}
	count(writable_root_filesystem.warn) == 1 with input as cron
}

test_windows_pod_exempt if {
	count(writable_root_filesystem.warn) == 0 with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"os": {"name": "windows"}, "containers": [{"name": "app"}]}}
}
