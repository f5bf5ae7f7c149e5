# METADATA
# title: RBAC role can read Secrets
# description: >-
#   `get`, `list` or `watch` on `secrets` lets the subject read every Secret in scope (a whole namespace
#   for a Role, the whole cluster for a ClusterRole), including service account tokens and credentials of
#   other workloads. `list` and `watch` return the Secret contents too. Rules restricted with
#   `resourceNames` are not reported.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
# custom:
#   id: TG-K8S-026
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Restrict the rule to the Secrets the subject needs, and to `get`:
#
#         rules:
#           - apiGroups: [""]
#             resources: ["secrets"]
#             resourceNames: ["app-tls"]
#             verbs: ["get"]
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.2
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Role, ClusterRole]
package tollgate.kubernetes.rbac_secrets_access

import data.tollgate.lib.kubernetes.name
import rego.v1

read_verbs := {"get", "list", "watch", "*"}

warn contains {
	"msg": sprintf("%s `%s` grants %s on `secrets`", [input.kind, name, concat(", ", [sprintf("`%s`", [v]) | some v in sort(verbs)])]),
	"path": ["rules", i, "resources"],
} if {
	input.kind in {"Role", "ClusterRole"}
	some i, rule in array_of(input.rules)
	"secrets" in array_of(rule.resources)
	core_group(rule)
	not scoped(rule)
	verbs := {v | some v in array_of(rule.verbs); v in read_verbs}
	count(verbs) > 0
}

core_group(rule) if "" in array_of(rule.apiGroups)

core_group(rule) if "*" in array_of(rule.apiGroups)

scoped(rule) if {
	is_array(rule.resourceNames)
	count(rule.resourceNames) > 0
}

# The value if it is a list, else an empty list (`ports:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
