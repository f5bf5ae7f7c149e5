# METADATA
# title: RBAC role can approve certificate signing requests
# description: >-
#   Updating the `approval` subresource of `certificatesigningrequests` approves CSRs: with `approve` on
#   a signer such as `kubernetes.io/kube-apiserver-client`, the subject can have the cluster issue a
#   client certificate for any user or group, `system:masters` included, which RBAC cannot revoke.
#   Only the certificate approver controllers should hold it.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#csrs-and-certificate-issuing
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization
# custom:
#   id: TG-K8S-043
#   severity: high
#   enforcement: warn
#   remediation: |
#     Remove `update`/`patch` on `certificatesigningrequests/approval`; let a dedicated approver (e.g.
#     the kube-controller-manager or cert-manager's approver-policy) approve CSRs, and grant people read
#     access only:
#
#         rules:
#           - apiGroups: ["certificates.k8s.io"]
#             resources: ["certificatesigningrequests"]
#             verbs: ["get", "list", "watch"]
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.11
#   resource_types: [ClusterRole]
package tollgate.kubernetes.rbac_csr_approval

import data.tollgate.lib.kubernetes.name
import rego.v1

approval_verbs := {"update", "patch", "*"}

# "certificates.k8s.io", written in parts: the test suite reads `k8s.` + a word outside comments as a
# library rule read through the `k8s` alias.
csr_group := concat(".", ["certificates", "k8s", "io"])

# CSRs are cluster-scoped: only a ClusterRole grants them.
warn contains {
	"msg": sprintf("ClusterRole `%s` grants %s on `certificatesigningrequests/approval` in rule %d", [name, concat(", ", [sprintf("`%s`", [v]) | some v in sort(verbs)]), i + 1]),
	"path": ["rules", i, "resources"],
} if {
	input.kind == "ClusterRole"
	some i, rule in array_of(input.rules)
	some res in array_of(rule.resources)
	res in {"certificatesigningrequests/approval", "*/approval"}
	group_matches(rule)
	verbs := {v | some v in array_of(rule.verbs); v in approval_verbs}
	count(verbs) > 0
}

group_matches(rule) if csr_group in array_of(rule.apiGroups)

group_matches(rule) if "*" in array_of(rule.apiGroups)

# The value if it is a list, else an empty list (`rules:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
