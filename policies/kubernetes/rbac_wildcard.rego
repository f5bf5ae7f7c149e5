# METADATA
# title: RBAC rule with wildcard
# description: >-
#   A `*` in a Role or ClusterRole rule grants every verb, resource or API group, including ones added
#   later (CRDs, new subresources); `*` verbs include `escalate`, `bind` and `impersonate`. Wildcards make
#   least privilege impossible to review.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/rbac/
# custom:
#   id: TG-K8S-020
#   severity: high
#   enforcement: block
#   remediation: |
#     List the API groups, resources and verbs the subject actually needs:
#
#         rules:
#           - apiGroups: ["apps"]
#             resources: ["deployments"]
#             verbs: ["get", "list", "watch", "patch"]
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.3
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Role, ClusterRole]
package tollgate.kubernetes.rbac_wildcard

import data.tollgate.lib.kubernetes.name
import rego.v1

deny contains {
	"msg": sprintf("%s `%s` grants `*` in `%s` of rule %d", [input.kind, name, field, i + 1]),
	"path": ["rules", i, field],
} if {
	input.kind in {"Role", "ClusterRole"}
	some i, rule in array_of(input.rules)
	some field in ["apiGroups", "resources", "verbs"]
	some value in array_of(rule[field])
	value == "*"
}

# The value if it is a list, else an empty list (`ports:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
