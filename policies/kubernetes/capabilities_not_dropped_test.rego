package tollgate.kubernetes.capabilities_not_dropped_test

import data.tollgate.kubernetes.capabilities_not_dropped
import rego.v1

deployment(sc) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.27", "securityContext": sc}]}}}}

test_no_drop_points_at_container if {
	r := capabilities_not_dropped.warn with input as deployment({"runAsNonRoot": true})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0]
}

test_partial_drop_points_at_drop if {
	r := capabilities_not_dropped.warn with input as deployment({"capabilities": {"drop": ["NET_RAW"]}})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0, "securityContext", "capabilities", "drop"]
}

test_drop_all_allowed if {
	count(capabilities_not_dropped.warn) == 0 with input as deployment({"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}})
}

test_drop_all_lowercase_allowed if {
	count(capabilities_not_dropped.warn) == 0 with input as deployment({"capabilities": {"drop": ["all"]}})
}

test_pod_init_container_warned if {
	p := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {
		"initContainers": [{"name": "init"}],
		"containers": [{"name": "app", "securityContext": {"capabilities": {"drop": ["ALL"]}}}],
	}}
	r := capabilities_not_dropped.warn with input as p
	count(r) == 1
	some f in r
	f.path == ["spec", "initContainers", 0]
}

test_cronjob_warned if {
	cron := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "job"}]}}}}}}
	count(capabilities_not_dropped.warn) == 1 with input as cron
}

test_windows_pod_exempt if {
	p := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"os": {"name": "windows"}, "containers": [{"name": "app"}]}}
	count(capabilities_not_dropped.warn) == 0 with input as p
}

test_null_drop_points_at_container if {
	r := capabilities_not_dropped.warn with input as deployment({"capabilities": {"drop": null}})
	{f.path | some f in r} == {["spec", "template", "spec", "containers", 0]}
}
