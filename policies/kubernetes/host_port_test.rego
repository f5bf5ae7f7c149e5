package tollgate.kubernetes.host_port_test

import data.tollgate.kubernetes.host_port
import rego.v1

deployment(ports) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.27", "ports": ports}]}}}}

test_host_port_denied if {
	r := host_port.deny with input as deployment([{"containerPort": 8080}, {"containerPort": 443, "hostPort": 443}])
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0, "ports", 1, "hostPort"]
}

test_host_port_zero_allowed if {
	count(host_port.deny) == 0 with input as deployment([{"containerPort": 8080, "hostPort": 0}])
}

test_container_port_only_allowed if {
	count(host_port.deny) == 0 with input as deployment([{"name": "http", "containerPort": 8080, "protocol": "TCP"}])
}

test_pod_init_container_denied if {
	p := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {
		"initContainers": [{"name": "init", "ports": [{"containerPort": 53, "hostPort": 53, "protocol": "UDP"}]}],
		"containers": [{"name": "app"}],
	}}
	r := host_port.deny with input as p
	some f in r
	f.path == ["spec", "initContainers", 0, "ports", 0, "hostPort"]
}

test_cronjob_denied if {
	cron := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "job", "ports": [{"containerPort": 9100, "hostPort": 9100}]}]}}}}}}
	count(host_port.deny) == 1 with input as cron
}

test_null_ports_ignored if {
	count(host_port.deny) == 0 with input as deployment(null)
}
