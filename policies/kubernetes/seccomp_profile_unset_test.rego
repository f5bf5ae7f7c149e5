package tollgate.kubernetes.seccomp_profile_unset_test

import data.tollgate.kubernetes.seccomp_profile_unset
import rego.v1

deployment(spec) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": spec}}}

pod(spec) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "debug"}, "spec": spec}

cronjob(spec) := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "backup"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": spec}}}}}

app(sc) := {"name": "app", "image": "nginx:1.27", "securityContext": sc}

test_unset_warns_per_container if {
	r := seccomp_profile_unset.warn with input as deployment({"initContainers": [{"name": "init"}], "containers": [{"name": "app"}]})
	{f.path | some f in r} == {["spec", "template", "spec", "initContainers", 0], ["spec", "template", "spec", "containers", 0]}
}

test_pod_level_runtime_default_allowed if {
	count(seccomp_profile_unset.warn) == 0 with input as deployment({"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}, "containers": [{"name": "app"}]})
}

test_container_level_localhost_allowed if {
	count(seccomp_profile_unset.warn) == 0 with input as pod({"containers": [app({"seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/app.json"}})]})
}

test_container_unconfined_overrides_pod if {
	r := seccomp_profile_unset.warn with input as pod({"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}, "containers": [app({"seccompProfile": {"type": "Unconfined"}})]})
	count(r) == 1
	some f in r
	f.path == ["spec", "containers", 0, "securityContext", "seccompProfile", "type"]
}

test_pod_unconfined_reported_once if {
	r := seccomp_profile_unset.warn with input as cronjob({"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [{"name": "a"}, {"name": "b"}]})
	count(r) == 1
	some f in r
	f.path == ["spec", "jobTemplate", "spec", "template", "spec", "securityContext", "seccompProfile", "type"]
}

test_cronjob_unset_warned if {
	r := seccomp_profile_unset.warn with input as cronjob({"containers": [{"name": "job"}]})
	some f in r
	f.path == ["spec", "jobTemplate", "spec", "template", "spec", "containers", 0]
}

test_windows_pod_exempt if {
	count(seccomp_profile_unset.warn) == 0 with input as pod({"os": {"name": "windows"}, "containers": [{"name": "app"}]})
}
