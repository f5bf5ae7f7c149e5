package tollgate.kubernetes.probe_host_test

import data.tollgate.kubernetes.probe_host
import rego.v1

deployment(container) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "api", "namespace": "shop"},
	"spec": {"template": {"spec": {"containers": [object.union({"name": "api", "image": "ghcr.io/acme/api:1.0.0"}, container)]}}},
}

test_http_probe_host_denied if {
	r := probe_host.deny with input as deployment({"livenessProbe": {"httpGet": {"host": "169.254.169.254", "path": "/", "port": 80}}})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0, "livenessProbe", "httpGet", "host"]
	contains(f.msg, "`169.254.169.254`")
}

test_tcp_probe_and_lifecycle_hook_denied if {
	r := probe_host.deny with input as deployment({
		"readinessProbe": {"tcpSocket": {"host": "db.internal", "port": 5432}},
		"lifecycle": {"preStop": {"httpGet": {"host": "localhost", "path": "/drain", "port": 9000}}},
	})
	{f.path | some f in r} == {
		["spec", "template", "spec", "containers", 0, "readinessProbe", "tcpSocket", "host"],
		["spec", "template", "spec", "containers", 0, "lifecycle", "preStop", "httpGet", "host"],
	}
}

test_no_host_allowed if {
	count(probe_host.deny) == 0 with input as deployment({
		"livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080, "httpHeaders": [{"name": "Host", "value": "api.example.com"}]}},
		"readinessProbe": {"tcpSocket": {"port": 8080, "host": ""}},
		"startupProbe": {"exec": {"command": ["true"]}},
	})
}

test_init_container_denied if {
	d := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {
		"initContainers": [{"name": "proxy", "restartPolicy": "Always", "startupProbe": {"httpGet": {"host": "10.0.0.1", "port": 15021}}}],
		"containers": [{"name": "app"}],
	}}
	count(probe_host.deny) == 1 with input as d
}

test_odd_shapes_ignored if {
	count(probe_host.deny) == 0 with input as deployment({"livenessProbe": null, "lifecycle": {"postStart": "x"}, "readinessProbe": {"httpGet": {"host": 5}}})
}
