package tollgate.kubernetes.privileged_container_test

import data.tollgate.kubernetes.privileged_container
import rego.v1

deployment(sc) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "web", "namespace": "prod"},
	"spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.27", "securityContext": sc}]}}},
}

test_privileged_container_denied if {
	count(privileged_container.deny) == 1 with input as deployment({"privileged": true})
}

test_privileged_init_container_in_cronjob_denied if {
	cron := {
		"apiVersion": "batch/v1",
		"kind": "CronJob",
		"metadata": {"name": "backup"},
		"spec": {"jobTemplate": {"spec": {"template": {"spec": {"initContainers": [{"name": "init", "securityContext": {"privileged": true}}]}}}}},
	}
	count(privileged_container.deny) == 1 with input as cron
}

test_unprivileged_container_allowed if {
	count(privileged_container.deny) == 0 with input as deployment({"privileged": false})
}

test_missing_security_context_allowed if {
	count(privileged_container.deny) == 0 with input as deployment({})
}
