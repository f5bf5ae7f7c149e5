package tollgate.kubernetes.host_namespaces_test

import data.tollgate.kubernetes.host_namespaces
import rego.v1

deployment(spec) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": spec}}}

pod(spec) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "debug"}, "spec": spec}

cronjob(spec) := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "backup"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": spec}}}}}

containers := [{"name": "app", "image": "nginx:1.27"}]

test_host_network_in_deployment_denied if {
	r := host_namespaces.deny with input as deployment({"hostNetwork": true, "containers": containers})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "hostNetwork"]
}

test_all_three_in_pod_denied if {
	r := host_namespaces.deny with input as pod({"hostNetwork": true, "hostPID": true, "hostIPC": true, "containers": containers})
	count(r) == 3
	{f.path | some f in r} == {["spec", "hostNetwork"], ["spec", "hostPID"], ["spec", "hostIPC"]}
}

test_host_pid_in_cronjob_denied if {
	r := host_namespaces.deny with input as cronjob({"hostPID": true, "containers": containers})
	some f in r
	f.path == ["spec", "jobTemplate", "spec", "template", "spec", "hostPID"]
}

test_false_values_allowed if {
	count(host_namespaces.deny) == 0 with input as deployment({"hostNetwork": false, "hostPID": false, "hostIPC": false, "containers": containers})
}

test_unset_allowed if {
	count(host_namespaces.deny) == 0 with input as pod({"containers": containers})
}

test_non_workload_ignored if {
	count(host_namespaces.deny) == 0 with input as {"kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"hostNetwork": "true"}}
}
