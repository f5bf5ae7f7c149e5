# METADATA
# title: Custom SELinux options
# description: >-
#   Setting an SELinux `user` or `role`, or a `type` other than the container types, can move the
#   container out of the confined container domain (for example `spc_t` is unconfined). The Pod Security
#   Standards baseline profile only allows the container types and an MCS `level`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container
# custom:
#   id: TG-K8S-012
#   severity: medium
#   enforcement: block
#   remediation: |
#     Remove `seLinuxOptions.user`, `seLinuxOptions.role` and any custom `type`; keep at most a level:
#
#         securityContext:
#           seLinuxOptions:
#             level: "s0:c123,c456"
#   frameworks:
#     - Kubernetes Pod Security Standards (baseline)
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.selinux_custom_options

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import data.tollgate.lib.kubernetes.pod_specs
import rego.v1

allowed_types := {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

# Every seLinuxOptions block: pod level and each container.
options contains {"opts": p.spec.securityContext.seLinuxOptions, "path": array.concat(p.path, ["securityContext", "seLinuxOptions"]), "owner": sprintf("Pod securityContext of %s", [display])} if {
	some p in pod_specs
	is_object(p.spec.securityContext.seLinuxOptions)
}

options contains {"opts": c.container.securityContext.seLinuxOptions, "path": array.concat(c.path, ["securityContext", "seLinuxOptions"]), "owner": sprintf("Container `%s` in %s", [k8s.container_name(c.container), display])} if {
	some c in containers
	is_object(c.container.securityContext.seLinuxOptions)
}

deny contains {
	"msg": sprintf("%s sets SELinux type `%s`", [o.owner, o.opts.type]),
	"path": array.concat(o.path, ["type"]),
} if {
	some o in options
	is_string(o.opts.type)
	not o.opts.type in allowed_types
}

deny contains {
	"msg": sprintf("%s sets SELinux %s `%s`", [o.owner, field, o.opts[field]]),
	"path": array.concat(o.path, [field]),
} if {
	some o in options
	some field in ["user", "role"]
	is_string(o.opts[field])
	o.opts[field] != ""
}
