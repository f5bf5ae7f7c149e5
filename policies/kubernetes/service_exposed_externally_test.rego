package tollgate.kubernetes.service_exposed_externally_test

import data.tollgate.kubernetes.service_exposed_externally
import rego.v1

service(type, annotations, extra) := {
	"apiVersion": "v1",
	"kind": "Service",
	"metadata": {"name": "web", "namespace": "prod", "annotations": annotations},
	"spec": object.union({"type": type, "selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]}, extra),
}

test_node_port_warned if {
	r := service_exposed_externally.warn with input as service("NodePort", {}, {})
	count(r) == 1
	some f in r
	f.path == ["spec", "type"]
}

test_public_load_balancer_warned if {
	count(service_exposed_externally.warn) == 1 with input as service("LoadBalancer", {}, {})
}

test_load_balancer_open_source_range_warned if {
	count(service_exposed_externally.warn) == 1 with input as service("LoadBalancer", {}, {"loadBalancerSourceRanges": ["0.0.0.0/0"]})
}

test_cluster_ip_allowed if {
	count(service_exposed_externally.warn) == 0 with input as service("ClusterIP", {}, {})
	count(service_exposed_externally.warn) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x"}, "spec": {"ports": [{"port": 80}]}}
}

test_internal_load_balancers_allowed if {
	count(service_exposed_externally.warn) == 0 with input as service("LoadBalancer", {"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"}, {})
	count(service_exposed_externally.warn) == 0 with input as service("LoadBalancer", {"networking.gke.io/load-balancer-type": "Internal"}, {})
	count(service_exposed_externally.warn) == 0 with input as service("LoadBalancer", {"service.beta.kubernetes.io/azure-load-balancer-internal": "true"}, {})
}

test_restricted_source_ranges_allowed if {
	count(service_exposed_externally.warn) == 0 with input as service("LoadBalancer", {}, {"loadBalancerSourceRanges": ["203.0.113.0/24"]})
}

test_other_kinds_ignored if {
	count(service_exposed_externally.warn) == 0 with input as {"kind": "ConfigMap", "metadata": {"name": "x"}, "spec": {"type": "NodePort"}}
}
