# METADATA
# title: Binding to cluster-admin
# description: >-
#   Binding the `cluster-admin` ClusterRole grants unrestricted control: with a ClusterRoleBinding over the
#   whole cluster, with a RoleBinding over every resource of the namespace (including Secrets and RBAC).
#   Workloads and users rarely need it.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
# custom:
#   id: TG-K8S-021
#   severity: high
#   enforcement: block
#   remediation: |
#     Bind a role that grants only what the subject needs (e.g. the built-in `edit`/`view`, or a custom
#     Role):
#
#         roleRef:
#           apiGroup: rbac.authorization.k8s.io
#           kind: ClusterRole
#           name: view
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.1
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [ClusterRoleBinding, RoleBinding]
package tollgate.kubernetes.cluster_admin_binding

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.name
import rego.v1

deny contains {
	"msg": sprintf("%s `%s` binds the `cluster-admin` ClusterRole", [input.kind, name]),
	"path": ["roleRef", "name"],
} if {
	input.kind in {"RoleBinding", "ClusterRoleBinding"}
	input.roleRef.name == "cluster-admin"
	object.get(input.roleRef, "kind", "ClusterRole") == "ClusterRole"
}
