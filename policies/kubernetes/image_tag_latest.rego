# METADATA
# title: Container image not pinned (latest or no tag)
# description: >-
#   An image referenced without a tag, or with the mutable `latest` tag, can change under the same name:
#   rollouts are not reproducible, a rollback may not restore the previous code and a compromised
#   registry push is picked up silently. Pin a version tag or, better, a digest.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/containers/images/#image-names
#   - ref: https://kubernetes.io/docs/concepts/configuration/overview/#container-images
# custom:
#   id: TG-K8S-004
#   severity: high
#   enforcement: block
#   remediation: |
#     Reference an immutable version tag, or a digest:
#
#         containers:
#           - name: app
#             image: registry.example.com/app:1.4.2
#             # or: registry.example.com/app@sha256:4c1e...
#   frameworks:
#     - NSA/CISA Kubernetes Hardening Guide
#     - OWASP Kubernetes Top 10 K01 (Insecure Workload Configurations)
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow, serving.knative.dev/Service, serving.knative.dev/Configuration, serving.knative.dev/Revision]
package tollgate.kubernetes.image_tag_latest

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

deny contains {
	"msg": sprintf("Container `%s` in %s uses image `%s` %s", [k8s.container_name(c.container), display, image, problem]),
	"path": array.concat(c.path, ["image"]),
} if {
	some c in containers
	image := c.container.image
	is_string(image)
	image != ""
	not contains(image, "@") # pinned by digest
	not templated(image)
	problem := tag_problem(image)
}

# The tag lives in the last path component; `reg:5000/app` has a port, not a tag.
last_component(image) := parts[count(parts) - 1] if parts := split(image, "/")

tag_problem(image) := "without a tag (resolves to `latest`)" if not contains(last_component(image), ":")

tag_problem(image) := "with the mutable `latest` tag" if {
	parts := split(last_component(image), ":")
	parts[count(parts) - 1] == "latest"
}

# Placeholders substituted later (envsubst, Helm, Kustomize vars) are not real image references.
templated(image) if contains(image, "${")

templated(image) if contains(image, "{{")

templated(image) if contains(image, "$(")
