# METADATA
# title: Service exposed outside the cluster
# description: >-
#   A `NodePort` Service opens the port on every node, and a `LoadBalancer` Service usually gets a public
#   address: the workload becomes reachable from outside the cluster, bypassing the Ingress layer (TLS,
#   authentication, WAF). Internal load balancers and ones restricted with `loadBalancerSourceRanges` are
#   not reported.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
#   - ref: https://kubernetes.io/docs/concepts/services-networking/service/#internal-load-balancer
# custom:
#   id: TG-K8S-023
#   severity: low
#   enforcement: warn
#   remediation: |
#     Use a ClusterIP Service behind an Ingress/Gateway, or make the load balancer internal / restrict its
#     source ranges:
#
#         spec:
#           type: ClusterIP
#   frameworks:
#     - NSA/CISA Kubernetes Hardening Guide
#     - OWASP Kubernetes Top 10 K07 (Missing Network Segmentation Controls)
#   resource_types: [Service]
package tollgate.kubernetes.service_exposed_externally

import data.tollgate.lib.kubernetes.name
import data.tollgate.lib.kubernetes.namespace
import rego.v1

warn contains {
	"msg": sprintf("Service `%s` is of type `NodePort` and opens port(s) on every node", [service]),
	"path": ["spec", "type"],
} if {
	input.kind == "Service"
	input.spec.type == "NodePort"
}

warn contains {
	"msg": sprintf("Service `%s` is of type `LoadBalancer` and is exposed outside the cluster", [service]),
	"path": ["spec", "type"],
} if {
	input.kind == "Service"
	input.spec.type == "LoadBalancer"
	not internal_load_balancer
	not restricted_source_ranges
}

service := sprintf("%s/%s", [namespace, name]) if namespace != ""

service := name if namespace == ""

# Cloud provider annotations that make the load balancer internal (value compared case-insensitively).
internal_annotations := {
	"service.beta.kubernetes.io/aws-load-balancer-internal": {"true", "0.0.0.0/0"},
	"service.beta.kubernetes.io/aws-load-balancer-scheme": {"internal"},
	"networking.gke.io/load-balancer-type": {"internal"},
	"cloud.google.com/load-balancer-type": {"internal"},
	"service.beta.kubernetes.io/azure-load-balancer-internal": {"true"},
	"service.beta.kubernetes.io/oci-load-balancer-internal": {"true"},
	"service.beta.kubernetes.io/openstack-internal-load-balancer": {"true"},
	"service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type": {"private"},
	"service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type": {"intranet"},
}

internal_load_balancer if {
	some key, values in internal_annotations
	value := input.metadata.annotations[key]
	is_string(value)
	lower(trim_space(value)) in values
}

restricted_source_ranges if {
	ranges := input.spec.loadBalancerSourceRanges
	is_array(ranges)
	count(ranges) > 0
	every r in ranges {
		is_string(r)
		not trim_space(r) in {"0.0.0.0/0", "::/0"}
	}
}
