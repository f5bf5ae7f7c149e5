# METADATA
# title: RBAC binding grants a role to a default service account
# description: >-
#   Every pod that does not name a service account runs as its namespace's `default` service account. A
#   role bound to `default` is therefore granted to all those pods, and to anyone who can create a pod
#   in the namespace. The CIS Benchmark asks that default service accounts have no role bindings; create
#   a dedicated service account for the workload that needs the permissions.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions
# custom:
#   id: TG-K8S-038
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Bind the role to a service account created for the workload, and set `serviceAccountName` in its
#     pod template:
#
#         subjects:
#           - kind: ServiceAccount
#             name: report-generator
#             namespace: shop
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.5
#   resource_types: [RoleBinding, ClusterRoleBinding]
package tollgate.kubernetes.rbac_default_service_account_binding

import data.tollgate.lib.kubernetes.name
import data.tollgate.lib.kubernetes.namespace
import rego.v1

warn contains {
	"msg": sprintf("%s `%s` grants %s `%s` to the default service account of namespace `%s`", [input.kind, name, role_kind, role_name, sa_namespace]),
	"path": ["subjects", j, "name"],
} if {
	input.kind in {"RoleBinding", "ClusterRoleBinding"}
	role_name := object.get(input, ["roleRef", "name"], "<unset>")
	role_kind := object.get(input, ["roleRef", "kind"], "role")
	some j, s in array_of(input.subjects)
	s.kind == "ServiceAccount"
	s.name == "default"
	sa_namespace := object.get(s, "namespace", namespace_or_default)
}

# A RoleBinding's service account subject defaults to the binding's namespace.
namespace_or_default := namespace if namespace != ""

namespace_or_default := "default" if namespace == ""

# The value if it is a list, else an empty list (`subjects:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
