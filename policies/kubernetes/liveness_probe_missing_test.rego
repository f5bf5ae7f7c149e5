package tollgate.kubernetes.liveness_probe_missing_test

import data.tollgate.kubernetes.liveness_probe_missing as rule
import rego.v1

probe := {"httpGet": {"path": "/healthz", "port": 8080}}

deployment(spec) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": spec}}}

test_missing_warned if {
	r := rule.warn with input as deployment({"containers": [{"name": "app", "image": "x:1"}, {"name": "ok", "image": "x:1", "livenessProbe": probe}]})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0]
	f.msg == "Container `app` in Deployment `prod/web` has no `livenessProbe`"
}

test_probe_allowed if {
	count(rule.warn) == 0 with input as deployment({"containers": [{"name": "app", "livenessProbe": probe}]})
}

test_init_and_ephemeral_containers_ignored if {
	count(rule.warn) == 0 with input as deployment({
		"initContainers": [{"name": "migrate"}, {"name": "proxy", "restartPolicy": "Always"}],
		"ephemeralContainers": [{"name": "debug"}],
		"containers": [{"name": "app", "livenessProbe": probe}],
	})
}

test_batch_workloads_ignored if {
	count(rule.warn) == 0 with input as {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "x"}, "spec": {"template": {"spec": {"containers": [{"name": "a"}]}}}}
	count(rule.warn) == 0 with input as {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "a"}]}}}}}}
	count(rule.warn) == 0 with input as {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "x"}, "spec": {"templates": [{"name": "a", "container": {"image": "x:1"}}]}}
	count(rule.warn) == 0 with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"restartPolicy": "Never", "containers": [{"name": "a"}]}}
	count(rule.warn) == 0 with input as {"apiVersion": "v1", "kind": "PodTemplate", "metadata": {"name": "x"}, "template": {"spec": {"containers": [{"name": "a"}]}}}
}

test_pod_and_rollout_warned if {
	count(rule.warn) == 1 with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"containers": [{"name": "a"}]}}
	count(rule.warn) == 1 with input as {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": {"name": "x"}, "spec": {"template": {"spec": {"containers": [{"name": "a"}]}}}}
}

test_knative_warned if {
	r := rule.warn with input as {"apiVersion": "serving.knative.dev/v1", "kind": "Service", "metadata": {"name": "x"}, "spec": {"template": {"spec": {"containers": [{"image": "x:1"}]}}}}
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0]
	count(rule.warn) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x"}, "spec": {"ports": [{"port": 80}]}}
}
