# METADATA
# title: RBAC role grants escalate, bind or impersonate
# description: >-
#   `escalate` lets the subject edit Roles to grant permissions it does not hold, `bind` lets it bind
#   any Role (up to `cluster-admin`) to itself, and `impersonate` lets it act as other users, groups or
#   service accounts. Each is a direct path to cluster-admin. Rules restricted with `resourceNames` (the
#   recommended way to let a controller bind one specific role) are not reported.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation
# custom:
#   id: TG-K8S-032
#   severity: high
#   enforcement: block
#   remediation: |
#     Remove the verbs, or restrict them to the roles or identities the subject must handle:
#
#         rules:
#           - apiGroups: ["rbac.authorization.k8s.io"]
#             resources: ["clusterroles"]
#             verbs: ["bind"]
#             resourceNames: ["tenant-viewer"]
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.8
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Role, ClusterRole]
package tollgate.kubernetes.rbac_escalate_bind_impersonate

import data.tollgate.lib.kubernetes.name
import rego.v1

dangerous_verbs := {"escalate", "bind", "impersonate"}

deny contains {
	"msg": sprintf("%s `%s` grants %s in rule %d", [input.kind, name, concat(", ", [sprintf("`%s`", [v]) | some v in sort(verbs)]), i + 1]),
	"path": ["rules", i, "verbs"],
} if {
	input.kind in {"Role", "ClusterRole"}
	some i, rule in array_of(input.rules)
	not scoped(rule)
	verbs := {v | some v in array_of(rule.verbs); is_string(v); lower(v) in dangerous_verbs}
	count(verbs) > 0
}

scoped(rule) if {
	is_array(rule.resourceNames)
	count(rule.resourceNames) > 0
}

# The value if it is a list, else an empty list (`rules:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
