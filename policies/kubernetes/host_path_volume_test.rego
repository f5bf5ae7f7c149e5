package tollgate.kubernetes.host_path_volume_test

import data.tollgate.kubernetes.host_path_volume
import rego.v1

deployment(volumes) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.27"}], "volumes": volumes}}}}

test_host_path_denied if {
	r := host_path_volume.deny with input as deployment([
		{"name": "cache", "emptyDir": {}},
		{"name": "docker", "hostPath": {"path": "/var/run/docker.sock", "type": "Socket"}},
	])
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "volumes", 1, "hostPath"]
	contains(f.msg, "/var/run/docker.sock")
}

test_host_path_in_pod_and_cronjob_denied if {
	vols := [{"name": "root", "hostPath": {"path": "/"}}]
	count(host_path_volume.deny) == 1 with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"containers": [], "volumes": vols}}
	r := host_path_volume.deny with input as {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [], "volumes": vols}}}}}}
	some f in r
	f.path == ["spec", "jobTemplate", "spec", "template", "spec", "volumes", 0, "hostPath"]
}

test_other_volumes_allowed if {
	count(host_path_volume.deny) == 0 with input as deployment([
		{"name": "cache", "emptyDir": {}},
		{"name": "data", "persistentVolumeClaim": {"claimName": "data"}},
		{"name": "config", "configMap": {"name": "web"}},
	])
}

test_no_volumes_allowed if {
	count(host_path_volume.deny) == 0 with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"containers": [{"name": "a"}]}}
}

test_null_volumes_ignored if {
	count(host_path_volume.deny) == 0 with input as deployment(null)
}
