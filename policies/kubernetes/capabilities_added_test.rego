package tollgate.kubernetes.capabilities_added_test

import data.tollgate.kubernetes.capabilities_added
import rego.v1

deployment(add) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.27", "securityContext": {"capabilities": {"drop": ["ALL"], "add": add}}}]}}}}

test_sys_admin_denied if {
	r := capabilities_added.deny with input as deployment(["SYS_ADMIN"])
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0, "securityContext", "capabilities", "add"]
}

test_several_reported_once_per_container if {
	r := capabilities_added.deny with input as deployment(["NET_ADMIN", "NET_BIND_SERVICE", "SYS_PTRACE"])
	count(r) == 1
	some f in r
	contains(f.msg, "`NET_ADMIN`, `SYS_PTRACE`")
	not contains(f.msg, "NET_BIND_SERVICE")
}

test_all_denied if {
	count(capabilities_added.deny) == 1 with input as deployment(["ALL"])
}

test_cap_prefix_and_lowercase_denied if {
	count(capabilities_added.deny) == 1 with input as deployment(["cap_sys_admin"])
}

test_net_raw_denied if {
	count(capabilities_added.deny) == 1 with input as deployment(["NET_RAW"])
}

test_baseline_capabilities_allowed if {
	count(capabilities_added.deny) == 0 with input as deployment(["NET_BIND_SERVICE", "CHOWN", "CAP_SETUID", "KILL"])
}

test_no_add_allowed if {
	count(capabilities_added.deny) == 0 with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"containers": [{"name": "a", "securityContext": {"capabilities": {"drop": ["ALL"]}}}]}}
}

test_cronjob_init_container_denied if {
	cron := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {
		"initContainers": [{"name": "sysctl", "securityContext": {"capabilities": {"add": ["SYS_ADMIN"]}}}],
		"containers": [{"name": "job"}],
	}}}}}}
	r := capabilities_added.deny with input as cron
	some f in r
	f.path == ["spec", "jobTemplate", "spec", "template", "spec", "initContainers", 0, "securityContext", "capabilities", "add"]
}

test_null_add_ignored if {
	count(capabilities_added.deny) == 0 with input as deployment(null)
}
