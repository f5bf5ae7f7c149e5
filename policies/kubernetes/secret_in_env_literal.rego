# METADATA
# title: Secret value hard-coded in an environment variable
# description: >-
#   An environment variable whose name says it holds a password, token or key is given a literal `value`:
#   the secret is committed to the repository, visible to anyone who can read the workload object and
#   printed by `kubectl describe`. Reference a Secret with `valueFrom.secretKeyRef` instead.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
#   - ref: https://kubernetes.io/docs/concepts/security/secrets-good-practices/
# custom:
#   id: TG-K8S-022
#   severity: high
#   enforcement: block
#   remediation: |
#     Move the value into a Secret (created outside the repository, or encrypted with Sealed Secrets /
#     SOPS / External Secrets) and reference it:
#
#         env:
#           - name: DB_PASSWORD
#             valueFrom:
#               secretKeyRef:
#                 name: db-credentials
#                 key: password
#   frameworks:
#     - OWASP Kubernetes Top 10 K08 (Secrets Management Failures)
#     - CWE-798 (Use of Hard-coded Credentials)
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.secret_in_env_literal

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

deny contains {
	"msg": sprintf("Container `%s` in %s sets `%s` to a literal value; reference a Secret with `valueFrom.secretKeyRef`", [k8s.container_name(c.container), display, e.name]),
	"path": array.concat(c.path, ["env", j, "value"]),
} if {
	some c in containers
	some j, e in array_of(c.container.env)
	is_string(e.name)
	is_string(e.value)
	secret_name(e.name)
	literal_secret(e.value)
}

# --- name heuristics ---------------------------------------------------------------------------------

normalized(name) := upper(replace(replace(trim_space(name), "-", "_"), ".", "_"))

squashed(name) := replace(normalized(name), "_", "")

# Substrings that mark a secret even inside camelCase (`dbPassword`, `apiKey`).
secret_substrings := {
	"PASSWORD", "PASSWD", "PASSPHRASE", "APIKEY", "ACCESSKEY", "PRIVATEKEY", "SECRETKEY",
	"AUTHKEY", "ENCRYPTIONKEY", "SIGNINGKEY", "MASTERKEY", "CLIENTSECRET", "AUTHTOKEN",
	"ACCESSTOKEN", "BEARERTOKEN", "REFRESHTOKEN",
}

# Whole words (between underscores) that mark a secret (`JWT_SECRET`, `GITHUB_TOKEN`, `DB_PASS`).
secret_words := {"SECRET", "SECRETS", "TOKEN", "TOKENS", "CREDENTIAL", "CREDENTIALS", "PASS"}

# Names that describe a secret rather than hold it (`PASSWORD_FILE`, `TOKEN_URL`, `SECRET_NAME`,
# `AWS_ACCESS_KEY_ID`, `TOKEN_TTL`, `ENABLE_TOKEN_AUTH_ENABLED`).
descriptive_suffixes := {
	"FILE", "PATH", "DIR", "URL", "URI", "ENDPOINT", "NAME", "REF", "TTL", "EXPIRY", "EXPIRATION",
	"EXPIRES", "TIMEOUT", "LENGTH", "LEN", "HEADER", "ENABLED", "ENABLE", "DISABLED", "ID", "TYPE",
	"MODE", "AUDIENCE", "ISSUER", "LIFETIME", "DURATION", "SECONDS", "SIZE", "VERSION", "FORMAT",
	"POLICY", "PREFIX", "HOST", "PORT", "USER", "USERNAME", "COUNT", "LIMIT", "LOCATION", "PROVIDER",
	"REQUIRED", "ALGORITHM", "SCOPE", "SCOPES", "FIELD", "KEY_NAME", "MOUNT", "STORE",
}

# One regex per list (regorus caches compiled patterns) instead of a loop of `contains` per entry:
# this rule runs on every environment variable of every container (behind a cheap `contains`).
secret_substring_pattern := concat("|", secret_substrings)

descriptive_suffix_pattern := sprintf("(%s)$", [concat("|", {replace(s, "_", "") | some s in descriptive_suffixes})])

secret_name(name) if {
	# Every secret substring holds one of these: a lock-free check before the regex (regorus'
	# compiled-regex cache is one lock shared by every thread).
	sq := squashed(name)
	some part in ["PASS", "KEY", "SECRET", "TOKEN"]
	contains(sq, part)
	regex.match(secret_substring_pattern, sq)
	not descriptive(name)
}

secret_name(name) if {
	some w in split(normalized(name), "_")
	w in secret_words
	not descriptive(name)
}

descriptive(name) if regex.match(descriptive_suffix_pattern, squashed(name))

# --- value heuristics --------------------------------------------------------------------------------

# Values that are not secrets: flags, references substituted later, file paths, secret-manager refs.
non_secret_values := {"true", "false", "yes", "no", "on", "off", "enabled", "disabled", "none", "null"}

reference_prefixes := {"/", "file://", "vault:", "ref+", "arn:aws:secretsmanager:", "arn:aws:ssm:", "sm://", "secret://", "projects/"}

literal_secret(value) if {
	v := trim_space(value)
	v != ""
	not lower(v) in non_secret_values
	not contains(v, "$(") # Kubernetes dependent variable, e.g. $(DB_PASSWORD)
	not contains(v, "${") # placeholder substituted before apply
	not contains(v, "{{")
	not reference(v)
}

reference(v) if {
	some prefix in reference_prefixes
	startswith(lower(v), prefix)
}

# The value if it is a list, else an empty list (`ports:` left empty in YAML is null).
array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)
