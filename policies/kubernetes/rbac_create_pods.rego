# METADATA
# title: RBAC role can create Pods
# description: >-
#   `create` on `pods` lets the subject start a pod with any service account of the namespace (and so
#   act with its token), mount any Secret or ConfigMap of the namespace, and, unless Pod Security
#   Admission blocks it, run privileged or hostPath pods that take over the node. Workload controllers
#   need it; people and CI jobs usually create Deployments or Jobs instead.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
# custom:
#   id: TG-K8S-031
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Remove `create` on `pods` and grant the workload resources the subject actually manages (Pod
#     Security Admission then applies to the pods their controllers create):
#
#         rules:
#           - apiGroups: ["apps"]
#             resources: ["deployments"]
#             verbs: ["get", "list", "watch", "create", "update", "patch"]
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.4
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Role, ClusterRole]
package tollgate.kubernetes.rbac_create_pods

import data.tollgate.lib.kubernetes.name
import rego.v1

warn contains {
	"msg": sprintf("%s `%s` grants `%s` on `pods` in rule %d", [input.kind, name, verb, i + 1]),
	"path": ["rules", i, "resources"],
} if {
	input.kind in {"Role", "ClusterRole"}
	some i, rule in array_of(input.rules)
	"pods" in array_of(rule.resources)
	group_matches(rule, "")
	verb := granted_verb(rule)
}

# `create`, or `*` when the rule grants every verb (also reported by TG-K8S-020).
granted_verb(rule) := "create" if "create" in array_of(rule.verbs)

else := "*" if "*" in array_of(rule.verbs)

group_matches(rule, group) if group in array_of(rule.apiGroups)

group_matches(rule, _) if "*" in array_of(rule.apiGroups)

# The value if it is a list, else an empty list (`rules:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
