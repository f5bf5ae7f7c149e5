# METADATA
# title: RBAC role grants access to nodes/proxy
# description: >-
#   The `nodes/proxy` subresource forwards requests to the kubelet API of any node: a subject with it
#   can run commands in every pod on the node (`/exec`, `/run`), bypassing Pod Security Admission and
#   audit logging of pod exec. Even `get` is enough, since the kubelet authorizes WebSocket upgrades as
#   `get`. Monitoring agents should read the kubelet's metrics through `nodes/metrics` instead.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/
# custom:
#   id: TG-K8S-033
#   severity: high
#   enforcement: block
#   remediation: |
#     Grant the specific kubelet subresources the agent reads instead of `nodes/proxy`:
#
#         rules:
#           - apiGroups: [""]
#             resources: ["nodes/metrics", "nodes/stats"]
#             verbs: ["get"]
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.10
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Role, ClusterRole]
package tollgate.kubernetes.rbac_nodes_proxy

import data.tollgate.lib.kubernetes.name
import rego.v1

deny contains {
	"msg": sprintf("%s `%s` grants %s on `nodes/proxy` in rule %d", [input.kind, name, concat(", ", [sprintf("`%s`", [v]) | some v in sort(verbs)]), i + 1]),
	"path": ["rules", i, "resources"],
} if {
	input.kind in {"Role", "ClusterRole"}
	some i, rule in array_of(input.rules)
	some res in array_of(rule.resources)
	res in {"nodes/proxy", "*/proxy"}
	core_group(rule)
	verbs := {v | some v in array_of(rule.verbs); is_string(v)}
	count(verbs) > 0
}

core_group(rule) if "" in array_of(rule.apiGroups)

core_group(rule) if "*" in array_of(rule.apiGroups)

# The value if it is a list, else an empty list (`rules:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
