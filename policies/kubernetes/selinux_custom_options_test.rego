package tollgate.kubernetes.selinux_custom_options_test

import data.tollgate.kubernetes.selinux_custom_options
import rego.v1

deployment(spec) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": spec}}}

test_spc_t_denied if {
	r := selinux_custom_options.deny with input as deployment({"containers": [{"name": "app", "securityContext": {"seLinuxOptions": {"type": "spc_t"}}}]})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0, "securityContext", "seLinuxOptions", "type"]
}

test_pod_user_and_role_denied if {
	p := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"securityContext": {"seLinuxOptions": {"user": "system_u", "role": "system_r"}}, "containers": [{"name": "a"}]}}
	r := selinux_custom_options.deny with input as p
	{f.path | some f in r} == {["spec", "securityContext", "seLinuxOptions", "user"], ["spec", "securityContext", "seLinuxOptions", "role"]}
}

test_cronjob_init_container_denied if {
	cron := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {
		"initContainers": [{"name": "init", "securityContext": {"seLinuxOptions": {"type": "unconfined_t"}}}],
		"containers": [{"name": "job"}],
	}}}}}}
	count(selinux_custom_options.deny) == 1 with input as cron
}

test_container_types_and_level_allowed if {
	count(selinux_custom_options.deny) == 0 with input as deployment({
		"securityContext": {"seLinuxOptions": {"level": "s0:c123,c456"}},
		"initContainers": [{"name": "init", "securityContext": {"seLinuxOptions": {"type": "container_init_t"}}}],
		"containers": [{"name": "app", "securityContext": {"seLinuxOptions": {"type": "container_t", "level": "s0:c1,c2"}}}],
	})
}

test_empty_strings_allowed if {
	count(selinux_custom_options.deny) == 0 with input as deployment({"containers": [{"name": "app", "securityContext": {"seLinuxOptions": {"user": "", "role": "", "type": ""}}}]})
}
