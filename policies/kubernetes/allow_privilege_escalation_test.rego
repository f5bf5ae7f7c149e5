package tollgate.kubernetes.allow_privilege_escalation_test

import data.tollgate.kubernetes.allow_privilege_escalation
import rego.v1

deployment(spec) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": spec}}}

pod(spec) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "debug"}, "spec": spec}

cronjob(spec) := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "backup"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": spec}}}}}

app(sc) := {"name": "app", "image": "nginx:1.27", "securityContext": sc}

test_explicit_true_points_at_field if {
	r := allow_privilege_escalation.deny with input as deployment({"containers": [app({"allowPrivilegeEscalation": true})]})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0, "securityContext", "allowPrivilegeEscalation"]
}

test_unset_points_at_container if {
	r := allow_privilege_escalation.deny with input as pod({"containers": [{"name": "app", "image": "nginx:1.27"}]})
	count(r) == 1
	some f in r
	f.path == ["spec", "containers", 0]
}

test_false_allowed if {
	count(allow_privilege_escalation.deny) == 0 with input as deployment({"containers": [app({"allowPrivilegeEscalation": false})]})
}

test_cronjob_init_container_denied if {
	r := allow_privilege_escalation.deny with input as cronjob({
		"initContainers": [{"name": "init", "image": "busybox:1.36"}],
		"containers": [app({"allowPrivilegeEscalation": false})],
	})
	count(r) == 1
	some f in r
	f.path == ["spec", "jobTemplate", "spec", "template", "spec", "initContainers", 0]
}

test_windows_pod_exempt if {
	count(allow_privilege_escalation.deny) == 0 with input as pod({"os": {"name": "windows"}, "containers": [{"name": "app", "image": "mcr.microsoft.com/windows/servercore:ltsc2022"}]})
}
