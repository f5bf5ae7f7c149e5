# METADATA
# title: RBAC binding grants a role to anonymous or all authenticated users
# description: >-
#   A RoleBinding or ClusterRoleBinding whose subject is the user `system:anonymous` or the group
#   `system:unauthenticated` grants the role to everyone who can reach the API server; the group
#   `system:authenticated` grants it to every identity the cluster accepts (on GKE, any Google account).
#   The discovery roles Kubernetes itself binds to these groups are not reported.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#hardening
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests
# custom:
#   id: TG-K8S-035
#   severity: high
#   enforcement: block
#   remediation: |
#     Bind the role to the group or service account that needs it:
#
#         subjects:
#           - kind: Group
#             apiGroup: rbac.authorization.k8s.io
#             name: shop-developers
#   frameworks:
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [RoleBinding, ClusterRoleBinding]
package tollgate.kubernetes.rbac_anonymous_binding

import data.tollgate.lib.kubernetes.name
import rego.v1

# Subject kind -> names that stand for everyone (anonymous requests are user `system:anonymous` in
# group `system:unauthenticated`).
everyone := {
	"Group": {
		"system:unauthenticated": "every unauthenticated request",
		"system:authenticated": "every authenticated user",
	},
	"User": {"system:anonymous": "anonymous requests"},
}

# ClusterRoles Kubernetes binds to these groups by default (API discovery, health, self review).
default_roles := {"system:discovery", "system:basic-user", "system:public-info-viewer"}

deny contains {
	"msg": sprintf("%s `%s` grants %s `%s` to `%s` (%s)", [input.kind, name, role_kind, role_name, s.name, who]),
	"path": ["subjects", j, "name"],
} if {
	input.kind in {"RoleBinding", "ClusterRoleBinding"}
	role_name := object.get(input, ["roleRef", "name"], "<unset>")
	role_kind := object.get(input, ["roleRef", "kind"], "role")
	not role_name in default_roles
	some j, s in array_of(input.subjects)
	is_string(s.kind)
	is_string(s.name)
	who := everyone[s.kind][s.name]
}

# The value if it is a list, else an empty list (`subjects:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
