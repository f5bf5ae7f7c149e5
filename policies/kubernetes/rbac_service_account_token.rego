# METADATA
# title: RBAC role can create service account tokens
# description: >-
#   `create` on `serviceaccounts/token` (the TokenRequest API) lets the subject mint API tokens for any
#   service account in scope, and so act with the permissions of the most privileged of them, for as
#   long as the tokens it asks for last. Rules restricted with `resourceNames` to the service accounts
#   the subject must mint tokens for are not reported.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request
#   - ref: https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/
# custom:
#   id: TG-K8S-045
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Restrict the rule to the service accounts the subject needs tokens for:
#
#         rules:
#           - apiGroups: [""]
#             resources: ["serviceaccounts/token"]
#             resourceNames: ["image-puller"]
#             verbs: ["create"]
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.13
#   resource_types: [Role, ClusterRole]
package tollgate.kubernetes.rbac_service_account_token

import data.tollgate.lib.kubernetes.name
import rego.v1

warn contains {
	"msg": sprintf("%s `%s` grants `%s` on `serviceaccounts/token` for every service account in scope in rule %d", [input.kind, name, verb, i + 1]),
	"path": ["rules", i, "resources"],
} if {
	input.kind in {"Role", "ClusterRole"}
	some i, rule in array_of(input.rules)
	names_token(rule)
	core_group(rule)
	not scoped(rule)
	verb := granted_verb(rule)
}

names_token(rule) if "serviceaccounts/token" in array_of(rule.resources)

names_token(rule) if "*/token" in array_of(rule.resources)

# `create`, or `*` when the rule grants every verb.
granted_verb(rule) := "create" if "create" in array_of(rule.verbs)

else := "*" if "*" in array_of(rule.verbs)

scoped(rule) if {
	is_array(rule.resourceNames)
	count(rule.resourceNames) > 0
}

core_group(rule) if "" in array_of(rule.apiGroups)

core_group(rule) if "*" in array_of(rule.apiGroups)

# The value if it is a list, else an empty list (`rules:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
