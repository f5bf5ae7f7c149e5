# METADATA
# title: Service account token mounted automatically
# description: >-
#   Unless `automountServiceAccountToken: false`, every container gets an API token for the pod's service
#   account at `/var/run/secrets/kubernetes.io/serviceaccount`. Most applications never call the
#   Kubernetes API; for them the token only helps an attacker who compromised the pod move laterally.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
#   - ref: https://kubernetes.io/docs/concepts/security/service-accounts/
# custom:
#   id: TG-K8S-018
#   severity: low
#   enforcement: warn
#   remediation: |
#     Disable the automount in the pod spec (or on the ServiceAccount) when the workload does not use the
#     Kubernetes API:
#
#         spec:
#           automountServiceAccountToken: false
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.6
#     - NSA/CISA Kubernetes Hardening Guide
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.service_account_token_automount

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.kubernetes.namespace
import data.tollgate.lib.kubernetes.pod_specs
import rego.v1

warn contains {
	"msg": sprintf("%s sets `automountServiceAccountToken: true`", [display]),
	"path": array.concat(p.path, ["automountServiceAccountToken"]),
} if {
	some p in pod_specs
	p.spec.automountServiceAccountToken == true
}

# Reported on the pod spec; for an Argo workflow, once on the workflow-level spec (its templates inherit
# it), unless every template that runs a pod sets the field itself.
warn contains {
	"msg": sprintf("%s does not set `automountServiceAccountToken: false`; the service account token is mounted into its containers", [display]),
	"path": p.path,
} if {
	some p in pod_specs
	not p.inherits
	not is_boolean(p.spec.automountServiceAccountToken)
	not every_template_sets_it(p)
	not service_account_disables_it(p)
}

# The pod's ServiceAccount, deployed with it (same file, chart render or overlay), turns the
# token off: Kubernetes honours that when the pod does not say otherwise.
service_account_disables_it(p) if {
	name := object.get(p.spec, "serviceAccountName", object.get(p.spec, "serviceAccount", "default"))
	k8s.deployed("ServiceAccount", namespace, name).automountServiceAccountToken == false
}

every_template_sets_it(p) if {
	templates := [t | some t in pod_specs; t.inherits == p.path]
	count(templates) > 0
	every t in templates {
		is_boolean(t.spec.automountServiceAccountToken)
	}
}
