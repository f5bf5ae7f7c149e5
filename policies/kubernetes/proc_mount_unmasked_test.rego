package tollgate.kubernetes.proc_mount_unmasked_test

import data.tollgate.kubernetes.proc_mount_unmasked
import rego.v1

deployment(sc) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": {"hostUsers": false, "containers": [{"name": "app", "image": "nginx:1.27", "securityContext": sc}]}}}}

test_unmasked_denied if {
	r := proc_mount_unmasked.deny with input as deployment({"procMount": "Unmasked"})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0, "securityContext", "procMount"]
}

test_default_allowed if {
	count(proc_mount_unmasked.deny) == 0 with input as deployment({"procMount": "Default"})
}

test_unset_allowed if {
	count(proc_mount_unmasked.deny) == 0 with input as deployment({})
}

test_pod_and_cronjob_denied if {
	c := [{"name": "a", "securityContext": {"procMount": "Unmasked"}}]
	count(proc_mount_unmasked.deny) == 1 with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"initContainers": c, "containers": [{"name": "b"}]}}
	count(proc_mount_unmasked.deny) == 1 with input as {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": c}}}}}}
}
