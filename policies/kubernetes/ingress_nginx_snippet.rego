# METADATA
# title: Ingress uses ingress-nginx snippet annotations
# description: >-
#   ingress-nginx `*-snippet` annotations paste raw NGINX configuration into the controller, which runs
#   with a service account that can read every Secret of the cluster: anyone who can edit the Ingress
#   can read files and tokens of the controller (CVE-2021-25742) or inject directives. ingress-nginx
#   disables snippet annotations by default since v1.9; enabling them again weakens the whole cluster.
# related_resources:
#   - ref: https://github.com/kubernetes/ingress-nginx/issues/7837
#   - ref: https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#allow-snippet-annotations
#   - ref: https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/
# custom:
#   id: TG-K8S-047
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Replace the snippet with the dedicated annotation (or the controller ConfigMap) for the setting:
#
#         metadata:
#           annotations:
#             nginx.ingress.kubernetes.io/proxy-body-size: 16m
#             nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8
#   frameworks:
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Ingress]
package tollgate.kubernetes.ingress_nginx_snippet

import data.tollgate.lib.kubernetes.name
import data.tollgate.lib.kubernetes.namespace
import rego.v1

snippet_annotations := {
	"nginx.ingress.kubernetes.io/configuration-snippet",
	"nginx.ingress.kubernetes.io/server-snippet",
	"nginx.ingress.kubernetes.io/auth-snippet",
	"nginx.ingress.kubernetes.io/stream-snippet",
	"nginx.ingress.kubernetes.io/modsecurity-snippet",
}

warn contains {
	"msg": sprintf("Ingress `%s` injects raw NGINX configuration with annotation `%s`", [ingress, key]),
	"path": ["metadata", "annotations", key],
} if {
	input.kind == "Ingress"
	annotations := input.metadata.annotations
	is_object(annotations)
	some key, value in annotations
	key in snippet_annotations
	is_string(value)
	trim_space(value) != ""
}

ingress := sprintf("%s/%s", [namespace, name]) if namespace != ""

ingress := name if namespace == ""
