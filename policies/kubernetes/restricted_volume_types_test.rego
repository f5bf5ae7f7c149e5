package tollgate.kubernetes.restricted_volume_types_test

import data.tollgate.kubernetes.restricted_volume_types
import rego.v1

deployment(volumes) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": {"containers": [{"name": "app"}], "volumes": volumes}}}}

test_nfs_warned if {
	r := restricted_volume_types.warn with input as deployment([
		{"name": "tmp", "emptyDir": {}},
		{"name": "shared", "nfs": {"server": "10.0.0.5", "path": "/exports"}},
	])
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "volumes", 1, "nfs"]
}

test_host_path_and_git_repo_warned if {
	r := restricted_volume_types.warn with input as deployment([
		{"name": "logs", "hostPath": {"path": "/var/log"}},
		{"name": "src", "gitRepo": {"repository": "https://example.com/repo.git"}},
	])
	count(r) == 2
}

test_allowed_types if {
	count(restricted_volume_types.warn) == 0 with input as deployment([
		{"name": "a", "configMap": {"name": "x"}},
		{"name": "b", "secret": {"secretName": "x"}},
		{"name": "c", "emptyDir": {"medium": "Memory"}},
		{"name": "d", "persistentVolumeClaim": {"claimName": "x"}},
		{"name": "e", "projected": {"sources": []}},
		{"name": "f", "downwardAPI": {"items": []}},
		{"name": "g", "csi": {"driver": "secrets-store.csi.k8s.io"}},
		{"name": "h", "ephemeral": {"volumeClaimTemplate": {}}},
	])
}

test_pod_and_cronjob_warned if {
	vols := [{"name": "disk", "awsElasticBlockStore": {"volumeID": "vol-1"}}]
	count(restricted_volume_types.warn) == 1 with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"containers": [], "volumes": vols}}
	r := restricted_volume_types.warn with input as {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [], "volumes": vols}}}}}}
	some f in r
	f.path == ["spec", "jobTemplate", "spec", "template", "spec", "volumes", 0, "awsElasticBlockStore"]
}

test_null_volumes_ignored if {
	count(restricted_volume_types.warn) == 0 with input as deployment(null)
}
