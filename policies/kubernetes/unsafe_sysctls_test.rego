package tollgate.kubernetes.unsafe_sysctls_test

import data.tollgate.kubernetes.unsafe_sysctls
import rego.v1

deployment(sysctls) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": {"securityContext": {"sysctls": sysctls}, "containers": [{"name": "app"}]}}}}

test_unsafe_sysctl_denied if {
	r := unsafe_sysctls.deny with input as deployment([
		{"name": "net.ipv4.ip_local_port_range", "value": "1024 65535"},
		{"name": "kernel.msgmax", "value": "65536"},
	])
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "securityContext", "sysctls", 1, "name"]
}

test_net_core_somaxconn_denied if {
	count(unsafe_sysctls.deny) == 1 with input as deployment([{"name": "net.core.somaxconn", "value": "1024"}])
}

test_safe_set_allowed if {
	count(unsafe_sysctls.deny) == 0 with input as deployment([
		{"name": "kernel.shm_rmid_forced", "value": "1"},
		{"name": "net.ipv4.ip_unprivileged_port_start", "value": "0"},
		{"name": "net.ipv4.tcp_keepalive_time", "value": "600"},
		{"name": "net/ipv4/ping_group_range", "value": "0 2147483647"},
	])
}

test_pod_and_cronjob_denied if {
	sc := {"sysctls": [{"name": "vm.max_map_count", "value": "262144"}]}
	count(unsafe_sysctls.deny) == 1 with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"securityContext": sc, "containers": [{"name": "a"}]}}
	r := unsafe_sysctls.deny with input as {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"securityContext": sc, "containers": [{"name": "a"}]}}}}}}
	some f in r
	f.path == ["spec", "jobTemplate", "spec", "template", "spec", "securityContext", "sysctls", 0, "name"]
}

test_no_sysctls_allowed if {
	count(unsafe_sysctls.deny) == 0 with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"containers": [{"name": "a"}]}}
}

test_null_sysctls_ignored if {
	count(unsafe_sysctls.deny) == 0 with input as deployment(null)
}
