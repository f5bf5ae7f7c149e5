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

test_persistent_volume_host_path_denied if {
	r := host_path_volume.deny with input as {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "data"}, "spec": {"capacity": {"storage": "10Gi"}, "accessModes": ["ReadWriteOnce"], "hostPath": {"path": "/mnt/data"}}}
	count(r) == 1
	some f in r
	f.path == ["spec", "hostPath"]
	f.msg == "PersistentVolume `data` exposes the node's path `/mnt/data` (hostPath)"
}

test_persistent_volume_other_types_allowed if {
	count(host_path_volume.deny) == 0 with input as {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "data"}, "spec": {"csi": {"driver": "ebs.csi.aws.com", "volumeHandle": "vol-0abc"}}}
	count(host_path_volume.deny) == 0 with input as {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data"}, "spec": {"hostPath": {"path": "/x"}}}
}

test_argo_workflow_volumes_denied if {
	wf := {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", "metadata": {"name": "backup"}, "spec": {"workflowSpec": {
		"volumes": [{"name": "root", "hostPath": {"path": "/"}}],
		"templates": [{"name": "dump", "container": {"image": "postgres:16"}, "volumes": [{"name": "sock", "hostPath": {"path": "/var/run/docker.sock"}}]}],
	}}}
	r := host_path_volume.deny with input as wf
	{f.path | some f in r} == {
		["spec", "workflowSpec", "volumes", 0, "hostPath"],
		["spec", "workflowSpec", "templates", 0, "volumes", 0, "hostPath"],
	}
}

test_knative_revision_denied if {
	r := host_path_volume.deny with input as {"apiVersion": "serving.knative.dev/v1", "kind": "Revision", "metadata": {"name": "web-00001"}, "spec": {"containers": [{"image": "x:1"}], "volumes": [{"name": "h", "hostPath": {"path": "/etc"}}]}}
	some f in r
	f.path == ["spec", "volumes", 0, "hostPath"]
}
