# METADATA
# title: Ingress without TLS
# description: >-
#   An Ingress without a `tls` section serves its hosts over plain HTTP: credentials, session cookies and
#   data cross the network unencrypted and can be modified in transit. Certificates attached through the
#   cloud load balancer's annotations (AWS ALB, GKE, Azure Application Gateway) are recognised.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
#   - ref: https://cert-manager.io/docs/usage/ingress/
# custom:
#   id: TG-K8S-024
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Add a `tls` section (cert-manager can issue the certificate):
#
#         metadata:
#           annotations:
#             cert-manager.io/cluster-issuer: letsencrypt
#         spec:
#           tls:
#             - hosts: ["shop.example.com"]
#               secretName: shop-tls
#   frameworks:
#     - NSA/CISA Kubernetes Hardening Guide
#     - CWE-319 (Cleartext Transmission of Sensitive Information)
#   resource_types: [Ingress]
package tollgate.kubernetes.ingress_without_tls

import data.tollgate.lib.kubernetes.name
import data.tollgate.lib.kubernetes.namespace
import rego.v1

warn contains {
	"msg": sprintf("Ingress `%s` has no `tls` section and serves its hosts over plain HTTP", [ingress]),
	"path": finding_path,
} if {
	input.kind == "Ingress"
	not has_tls
	not annotation_tls
}

ingress := sprintf("%s/%s", [namespace, name]) if namespace != ""

ingress := name if namespace == ""

has_tls if {
	is_array(input.spec.tls)
	count(input.spec.tls) > 0
}

finding_path := ["spec"] if is_object(input.spec)

finding_path := [] if not is_object(input.spec)

# TLS terminated by the cloud load balancer with a certificate given in annotations.
tls_annotations := {
	"alb.ingress.kubernetes.io/certificate-arn",
	"ingress.gcp.kubernetes.io/pre-shared-cert",
	"networking.gke.io/managed-certificates",
	"appgw.ingress.kubernetes.io/appgw-ssl-certificate",
}

annotation_tls if {
	some key in tls_annotations
	value := input.metadata.annotations[key]
	is_string(value)
	trim_space(value) != ""
}

# AWS ALB discovers certificates from ACM when an HTTPS listener is configured.
annotation_tls if {
	ports := input.metadata.annotations["alb.ingress.kubernetes.io/listen-ports"]
	is_string(ports)
	contains(upper(ports), "HTTPS")
}
