# METADATA
# title: RBAC role can exec into or attach to Pods
# description: >-
#   `pods/exec` and `pods/attach` let the subject run commands in, or take over the terminal of, every
#   pod in scope: it reads the pods' mounted Secrets and service account tokens and acts with their
#   network access. `get` is reported as well as `create`: exec and attach over WebSockets start with an
#   HTTP GET, which API servers have authorized as `get`. Updating `pods/ephemeralcontainers` adds a
#   debug container to a running pod, with the same effect.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
#   - ref: https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container
# custom:
#   id: TG-K8S-034
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Keep interactive access out of standing roles: grant it to a break-glass group only, or read logs
#     instead:
#
#         rules:
#           - apiGroups: [""]
#             resources: ["pods", "pods/log"]
#             verbs: ["get", "list", "watch"]
#   frameworks:
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Role, ClusterRole]
package tollgate.kubernetes.rbac_pod_exec

import data.tollgate.lib.kubernetes.name
import rego.v1

# Subresource -> verbs that give a shell in the pod ("*/exec" matches the subresource of any resource).
interactive := {
	"exec": {"get", "create", "*"},
	"attach": {"get", "create", "*"},
	"ephemeralcontainers": {"update", "patch", "*"},
}

warn contains {
	"msg": sprintf("%s `%s` grants %s on `pods/%s` in rule %d", [input.kind, name, concat(", ", [sprintf("`%s`", [v]) | some v in sort(verbs)]), sub, i + 1]),
	"path": ["rules", i, "resources"],
} if {
	input.kind in {"Role", "ClusterRole"}
	some i, rule in array_of(input.rules)
	core_group(rule)
	some sub, allowed in interactive
	names_subresource(rule, sub)
	verbs := {v | some v in array_of(rule.verbs); v in allowed}
	count(verbs) > 0
}

names_subresource(rule, sub) if concat("/", ["pods", sub]) in array_of(rule.resources)

names_subresource(rule, sub) if concat("/", ["*", sub]) in array_of(rule.resources)

core_group(rule) if "" in array_of(rule.apiGroups)

core_group(rule) if "*" in array_of(rule.apiGroups)

# The value if it is a list, else an empty list (`rules:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
