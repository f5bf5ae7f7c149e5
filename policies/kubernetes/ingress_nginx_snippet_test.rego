package tollgate.kubernetes.ingress_nginx_snippet_test

import data.tollgate.kubernetes.ingress_nginx_snippet
import rego.v1

ingress(annotations) := {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "shop", "namespace": "web", "annotations": annotations}, "spec": {"ingressClassName": "nginx"}}

test_configuration_snippet_warned if {
	r := ingress_nginx_snippet.warn with input as ingress({
		"nginx.ingress.kubernetes.io/proxy-body-size": "16m",
		"nginx.ingress.kubernetes.io/configuration-snippet": "more_set_headers \"X-Frame-Options: DENY\";",
	})
	count(r) == 1
	some f in r
	f.path == ["metadata", "annotations", "nginx.ingress.kubernetes.io/configuration-snippet"]
}

test_each_snippet_warned if {
	count(ingress_nginx_snippet.warn) == 2 with input as ingress({
		"nginx.ingress.kubernetes.io/server-snippet": "location /x { return 403; }",
		"nginx.ingress.kubernetes.io/auth-snippet": "proxy_set_header X-A b;",
	})
}

test_regular_and_empty_annotations_allowed if {
	count(ingress_nginx_snippet.warn) == 0 with input as ingress({"nginx.ingress.kubernetes.io/rewrite-target": "/", "nginx.ingress.kubernetes.io/server-snippet": ""})
	count(ingress_nginx_snippet.warn) == 0 with input as ingress(null)
}

test_other_kinds_ignored if {
	count(ingress_nginx_snippet.warn) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x", "annotations": {"nginx.ingress.kubernetes.io/server-snippet": "x"}}}
}
