package tollgate.kubernetes.windows_host_process_test

import data.tollgate.kubernetes.windows_host_process
import rego.v1

daemonset(spec) := {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "agent", "namespace": "kube-system"}, "spec": {"template": {"spec": spec}}}

test_pod_level_host_process_denied if {
	r := windows_host_process.deny with input as daemonset({
		"hostNetwork": true,
		"securityContext": {"windowsOptions": {"hostProcess": true, "runAsUserName": "NT AUTHORITY\\SYSTEM"}},
		"containers": [{"name": "agent", "image": "mcr.microsoft.com/windows/nanoserver:ltsc2022"}],
	})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "securityContext", "windowsOptions", "hostProcess"]
}

test_container_level_host_process_denied if {
	p := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"containers": [{"name": "a", "securityContext": {"windowsOptions": {"hostProcess": true}}}]}}
	r := windows_host_process.deny with input as p
	some f in r
	f.path == ["spec", "containers", 0, "securityContext", "windowsOptions", "hostProcess"]
}

test_deployment_and_cronjob_denied if {
	c := [{"name": "a", "securityContext": {"windowsOptions": {"hostProcess": true}}}]
	count(windows_host_process.deny) == 1 with input as {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x"}, "spec": {"template": {"spec": {"containers": c}}}}
	count(windows_host_process.deny) == 1 with input as {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"initContainers": c, "containers": []}}}}}}
}

test_regular_windows_container_allowed if {
	count(windows_host_process.deny) == 0 with input as daemonset({
		"os": {"name": "windows"},
		"securityContext": {"windowsOptions": {"runAsUserName": "ContainerUser", "hostProcess": false}},
		"containers": [{"name": "agent"}],
	})
}
