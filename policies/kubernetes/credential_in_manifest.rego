# METADATA
# title: Credential in a Kubernetes manifest
# description: >-
#   A value of a workload or ConfigMap (an environment variable, a command argument, a script, an annotation,
#   a configuration file in `data`) holds a credential in a recognisable format: an AWS access key ID
#   (`AKIA`/`ASIA`), a PEM private key, a GitHub token (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`,
#   `github_pat_`), a Slack token (`xoxa-`/`xoxb-`/`xoxp-`/`xoxr-`/`xoxs-`) or a Google API key (`AIza`). It is
#   committed to the repository and readable by anyone who can read the object in the cluster (ConfigMaps and
#   pod specs are not treated as secret). AWS's documented example keys are flagged like real ones. Every
#   string of the manifest is searched, nested up to 12 levels; Secrets are judged by TG-SEC-005.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/secrets-good-practices/
#   - ref: https://kubernetes.io/docs/concepts/configuration/configmap/
#   - ref: https://cwe.mitre.org/data/definitions/798.html
# custom:
#   id: TG-SEC-004
#   severity: high
#   enforcement: block
#   remediation: |
#     Revoke the credential (it is in the repository history), keep it in a secret store (External Secrets,
#     Sealed Secrets, SOPS, or a Secret created outside the repository) and reference it:
#
#         env:
#           - name: GITHUB_TOKEN
#             valueFrom:
#               secretKeyRef:
#                 name: github
#                 key: token
#
#     For cloud access prefer a workload identity (IRSA / EKS Pod Identity, GKE Workload Identity, Azure
#     Workload Identity) to keys.
#   frameworks:
#     - CWE-798 (Use of Hard-coded Credentials)
#     - OWASP Kubernetes Top 10 K08 (Secrets Management Failures)
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision, ConfigMap]
package tollgate.kubernetes.credential_in_manifest

import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.secrets as sec
import rego.v1

deny contains {
	"msg": sprintf("%s has %s (`%s`) in `%s`", [display, label, shown, sec.path_text(path)]),
	"path": path,
} if {
	input.kind != "Secret"
	sec.may_hold_credentials(input)
	some [path, s] in sec.strings_in(input)
	some [label, shown] in sec.credentials_in(s)
}
