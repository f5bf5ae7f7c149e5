package tollgate.kubernetes.service_external_ips_test

import data.tollgate.kubernetes.service_external_ips
import rego.v1

svc(spec) := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "shop"}, "spec": spec}

test_external_ips_warned if {
	r := service_external_ips.warn with input as svc({"ports": [{"port": 80}], "externalIPs": ["203.0.113.10", "203.0.113.11"]})
	count(r) == 1
	some f in r
	f.path == ["spec", "externalIPs"]
	contains(f.msg, "`203.0.113.10`, `203.0.113.11`")
}

test_no_external_ips_allowed if {
	count(service_external_ips.warn) == 0 with input as svc({"ports": [{"port": 80}]})
	count(service_external_ips.warn) == 0 with input as svc({"ports": [{"port": 80}], "externalIPs": []})
	count(service_external_ips.warn) == 0 with input as svc({"externalIPs": null})
}

test_knative_service_ignored if {
	count(service_external_ips.warn) == 0 with input as {"apiVersion": "serving.knative.dev/v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {"externalIPs": ["1.2.3.4"]}}
}
