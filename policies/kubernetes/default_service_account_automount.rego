# METADATA
# title: Default service account mounts its token
# description: >-
#   A namespace's `default` ServiceAccount is used by every pod that names no other. Unless it sets
#   `automountServiceAccountToken: false`, each of those pods gets an API token, which an attacker who
#   compromised any of them can use. The CIS Benchmark asks that default service accounts do not
#   provide a token; workloads that need API access get their own service account.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
#   - ref: https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts
# custom:
#   id: TG-K8S-037
#   severity: low
#   enforcement: warn
#   remediation: |
#     Turn the token off on the default service account:
#
#         apiVersion: v1
#         kind: ServiceAccount
#         metadata:
#           name: default
#           namespace: shop
#         automountServiceAccountToken: false
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.5
#   resource_types: [ServiceAccount]
package tollgate.kubernetes.default_service_account_automount

import data.tollgate.lib.kubernetes.display
import rego.v1

warn contains {
	"msg": sprintf("%s sets `automountServiceAccountToken: true`; every pod of the namespace without its own service account gets its token", [display]),
	"path": ["automountServiceAccountToken"],
} if {
	default_service_account
	input.automountServiceAccountToken == true
}

warn contains {
	"msg": sprintf("%s does not set `automountServiceAccountToken: false`; every pod of the namespace without its own service account gets its token", [display]),
	"path": [],
} if {
	default_service_account
	not is_boolean(input.automountServiceAccountToken)
}

default_service_account if {
	input.kind == "ServiceAccount"
	input.metadata.name == "default"
}
