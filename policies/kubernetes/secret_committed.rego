# METADATA
# title: Secret with values committed in clear
# description: >-
#   A Secret manifest with `data` or `stringData` puts the values in the repository: `data` is only base64,
#   which anyone can decode, so every clone, fork and CI log holds the credentials. Values that are empty or
#   placeholders (`changeme`, `<...>`, `${VAR}`, `{{ ... }}`, also once base64-decoded) are not counted.
#   Warn rather than block: repositories legitimately hold Secrets with non-sensitive or throw-away values
#   (local development, test fixtures) that the rule cannot tell from real credentials.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/secret/
#   - ref: https://kubernetes.io/docs/concepts/security/secrets-good-practices/
#   - ref: https://external-secrets.io/latest/
# custom:
#   id: TG-SEC-005
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Keep the values out of the repository: commit an encrypted form (Sealed Secrets, SOPS) or a reference
#     resolved in the cluster (External Secrets Operator, Secrets Store CSI driver), e.g.:
#
#         apiVersion: external-secrets.io/v1beta1
#         kind: ExternalSecret
#         metadata:
#           name: db
#         spec:
#           secretStoreRef: {name: aws-secrets-manager, kind: ClusterSecretStore}
#           target: {name: db}
#           dataFrom:
#             - extract: {key: prod/db}
#   frameworks:
#     - CWE-312 (Cleartext Storage of Sensitive Information)
#     - CIS Kubernetes Benchmark v1.8 5.4.2
#     - OWASP Kubernetes Top 10 K08 (Secrets Management Failures)
#   resource_types: [Secret]
package tollgate.kubernetes.secret_committed

import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.secrets as sec
import rego.v1

warn contains {
	"msg": sprintf("%s commits the value(s) of %s in `%s`", [display, concat(", ", [sprintf("`%s`", [k]) | some k in keys]), field]),
	"path": [field],
} if {
	input.kind == "Secret"
	some field in ["data", "stringData"]
	values := input[field]
	is_object(values)
	keys := sort([k | some k, v in values; is_string(v); not placeholder(field, v)])
	count(keys) > 0
}

placeholder("stringData", v) if sec.placeholder(v)

placeholder("data", v) if sec.placeholder(v)

# `data` values are base64: judge the decoded text (undecodable values count as values).
placeholder("data", v) if {
	base64.is_valid(v)
	sec.placeholder(base64.decode(v))
}
