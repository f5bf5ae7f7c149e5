# METADATA
# title: Workload runs as the default service account with its token
# description: >-
#   A pod that names no service account (or names `default`) runs as its namespace's `default` service
#   account, shared by every such pod of the namespace; with its token mounted, whatever is ever granted
#   to `default` becomes available to all of them. The CIS Benchmark asks that default service accounts
#   are not used. Pods that do not mount the token (`automountServiceAccountToken: false` on the pod, or
#   on the `default` ServiceAccount deployed with it) are not reported.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
# custom:
#   id: TG-K8S-036
#   severity: low
#   enforcement: off
#   remediation: |
#     Create a service account for the workload (and grant it only what it needs), or turn the token off
#     when the workload does not call the Kubernetes API:
#
#         spec:
#           serviceAccountName: checkout
#           # or, without API access:
#           automountServiceAccountToken: false
#   frameworks:
#     - CIS Kubernetes Benchmark v1.8 5.1.5
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.default_service_account_used

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.kubernetes.namespace
import data.tollgate.lib.kubernetes.pod_specs
import rego.v1

# Reported on the pod spec; for an Argo workflow, once on the workflow-level spec (its templates inherit
# it), unless every template that runs a pod names another service account or disables the token.
warn contains {
	"msg": sprintf("%s runs as the `default` service account with its API token mounted", [display]),
	"path": finding_path(p),
} if {
	some p in pod_specs
	not p.inherits
	uses_default(p.spec)
	not p.spec.automountServiceAccountToken == false
	not default_service_account_disables_token
	not every_template_overrides(p)
}

# `serviceAccountName` (or its deprecated alias `serviceAccount`) unset, empty or `default`.
uses_default(spec) if service_account(spec) == "default"

service_account(spec) := n if {
	n := spec.serviceAccountName
	is_string(n)
	n != ""
} else := n if {
	n := spec.serviceAccount
	is_string(n)
	n != ""
} else := "default"

finding_path(p) := array.concat(p.path, ["serviceAccountName"]) if p.spec.serviceAccountName == "default"

else := array.concat(p.path, ["serviceAccount"]) if p.spec.serviceAccount == "default"

else := p.path

# The namespace's `default` ServiceAccount, deployed with the workload, turns the token off.
default_service_account_disables_token if {
	k8s.deployed("ServiceAccount", namespace, "default").automountServiceAccountToken == false
}

every_template_overrides(p) if {
	templates := [t | some t in pod_specs; t.inherits == p.path]
	count(templates) > 0
	every t in templates {
		overrides(t.spec)
	}
}

overrides(spec) if not uses_default(spec)

overrides(spec) if spec.automountServiceAccountToken == false
