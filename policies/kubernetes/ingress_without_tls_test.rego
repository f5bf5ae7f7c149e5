package tollgate.kubernetes.ingress_without_tls_test

import data.tollgate.kubernetes.ingress_without_tls
import rego.v1

rules := [{"host": "shop.example.com", "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}}]

ingress(annotations, spec) := {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "web", "namespace": "shop", "annotations": annotations}, "spec": spec}

test_no_tls_warned if {
	r := ingress_without_tls.warn with input as ingress({}, {"ingressClassName": "nginx", "rules": rules})
	count(r) == 1
	some f in r
	f.path == ["spec"]
}

test_empty_tls_warned if {
	count(ingress_without_tls.warn) == 1 with input as ingress({}, {"tls": [], "rules": rules})
}

test_tls_allowed if {
	count(ingress_without_tls.warn) == 0 with input as ingress({}, {"tls": [{"hosts": ["shop.example.com"], "secretName": "shop-tls"}], "rules": rules})
}

test_alb_certificate_annotation_allowed if {
	count(ingress_without_tls.warn) == 0 with input as ingress({"alb.ingress.kubernetes.io/certificate-arn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc"}, {"rules": rules})
	count(ingress_without_tls.warn) == 0 with input as ingress({"alb.ingress.kubernetes.io/listen-ports": "[{\"HTTPS\":443}]"}, {"rules": rules})
}

test_gke_managed_certificate_allowed if {
	count(ingress_without_tls.warn) == 0 with input as ingress({"networking.gke.io/managed-certificates": "shop-cert"}, {"rules": rules})
}

test_other_kinds_ignored if {
	count(ingress_without_tls.warn) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {}}
}
