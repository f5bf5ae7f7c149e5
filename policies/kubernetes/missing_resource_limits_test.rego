package tollgate.kubernetes.missing_resource_limits_test

import data.tollgate.kubernetes.missing_resource_limits
import rego.v1

deployment(containers) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": {"containers": containers}}}}

test_no_resources_points_at_container if {
	r := missing_resource_limits.warn with input as deployment([{"name": "app", "image": "nginx:1.27"}])
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0]
	contains(f.msg, "no CPU or memory limit")
}

test_requests_only_points_at_resources if {
	r := missing_resource_limits.warn with input as deployment([{"name": "app", "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}}}])
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0, "resources"]
}

test_memory_only_points_at_limits if {
	r := missing_resource_limits.warn with input as deployment([{"name": "app", "resources": {"limits": {"memory": "256Mi"}}}])
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0, "resources", "limits"]
	contains(f.msg, "no CPU limit")
}

test_both_limits_allowed if {
	count(missing_resource_limits.warn) == 0 with input as deployment([{"name": "app", "resources": {"limits": {"cpu": "500m", "memory": "256Mi"}}}])
}

test_pod_init_container_warned_ephemeral_ignored if {
	p := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {
		"initContainers": [{"name": "init"}],
		"containers": [{"name": "app", "resources": {"limits": {"cpu": 1, "memory": "1Gi"}}}],
		"ephemeralContainers": [{"name": "debug"}],
	}}
	r := missing_resource_limits.warn with input as p
	count(r) == 1
	some f in r
	f.path == ["spec", "initContainers", 0]
}

test_cronjob_warned if {
	cron := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "job"}]}}}}}}
	count(missing_resource_limits.warn) == 1 with input as cron
}
