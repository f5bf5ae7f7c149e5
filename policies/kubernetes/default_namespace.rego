# METADATA
# title: Resource in the default namespace
# description: >-
#   Resources without a namespace land in `default` (or whatever namespace the applying context happens to
#   use). The default namespace is shared, rarely covered by NetworkPolicies, quotas or Pod Security
#   admission labels, and mixing workloads there makes RBAC scoping impossible.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
#   - ref: https://kubernetes.io/docs/concepts/security/multi-tenancy/
# custom:
#   id: TG-K8S-019
#   severity: low
#   enforcement: warn
#   remediation: |
#     Put the resource in a dedicated namespace:
#
#         metadata:
#           name: web
#           namespace: shop
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.7.4
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, Service, ConfigMap, Secret, ServiceAccount, Role, RoleBinding, Ingress, NetworkPolicy, PersistentVolumeClaim, HorizontalPodAutoscaler, PodDisruptionBudget]
package tollgate.kubernetes.default_namespace

import data.tollgate.lib.kubernetes.name
import rego.v1

# Namespaced kinds of the core API groups (cluster-scoped kinds such as Namespace, ClusterRole or
# PersistentVolume, and custom resources whose scope is unknown, are not checked).
namespaced_kinds := {
	"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController",
	"Job", "CronJob", "PodTemplate", "Service", "Endpoints", "EndpointSlice", "ConfigMap", "Secret",
	"ServiceAccount", "Role", "RoleBinding", "Ingress", "NetworkPolicy", "PersistentVolumeClaim",
	"HorizontalPodAutoscaler", "PodDisruptionBudget", "LimitRange", "ResourceQuota", "Lease",
}

warn contains {
	"msg": sprintf("%s `%s` has no `metadata.namespace` and will be created in the current (often `default`) namespace", [input.kind, name]),
	"path": [],
} if {
	input.kind in namespaced_kinds
	not has_namespace
}

warn contains {
	"msg": sprintf("%s `%s` is placed in the `default` namespace", [input.kind, name]),
	"path": ["metadata", "namespace"],
} if {
	input.kind in namespaced_kinds
	input.metadata.namespace == "default"
}

has_namespace if {
	ns := input.metadata.namespace
	is_string(ns)
	ns != ""
}
