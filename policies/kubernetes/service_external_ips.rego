# METADATA
# title: Service sets externalIPs
# description: >-
#   `spec.externalIPs` makes every node's kube-proxy capture traffic to the listed addresses and send it
#   to the Service, whoever owns those addresses: a Service can intercept traffic meant for another
#   workload or an external host (CVE-2020-8554, unfixable by design). Kubernetes recommends denying the
#   field with the `DenyServiceExternalIPs` admission plugin; use a LoadBalancer Service or an Ingress
#   to publish an address instead.
# related_resources:
#   - ref: https://github.com/kubernetes/kubernetes/issues/97076
#   - ref: https://kubernetes.io/docs/concepts/services-networking/service/#external-ips
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#denyserviceexternalips
# custom:
#   id: TG-K8S-046
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Remove `externalIPs` and publish the Service through a load balancer (or an Ingress/Gateway):
#
#         spec:
#           type: LoadBalancer
#           ports:
#             - port: 443
#               targetPort: 8443
#   frameworks:
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Service]
package tollgate.kubernetes.service_external_ips

import data.tollgate.lib.kubernetes.name
import data.tollgate.lib.kubernetes.namespace
import rego.v1

warn contains {
	"msg": sprintf("Service `%s` captures traffic to external IPs %s on every node", [service, concat(", ", [sprintf("`%s`", [ip]) | some ip in ips])]),
	"path": ["spec", "externalIPs"],
} if {
	input.kind == "Service"
	core_api
	is_array(input.spec.externalIPs)
	ips := [ip | some ip in input.spec.externalIPs; is_string(ip)]
	count(ips) > 0
}

# A core Service (`apiVersion: v1`), not a Knative one.
core_api if input.apiVersion == "v1"

core_api if not input.apiVersion

service := sprintf("%s/%s", [namespace, name]) if namespace != ""

service := name if namespace == ""
