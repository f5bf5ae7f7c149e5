# METADATA
# title: Container image not pinned by digest
# description: >-
#   A tag, even a version tag, is a mutable pointer: whoever can push to the repository (or compromise the
#   registry) can make `app:1.4.2` mean different code, and nodes pull it on the next restart. Only a digest
#   (`@sha256:...`) names exactly the image that was reviewed and scanned. Opt-in (`enforcement: off` by
#   default): pinning every image needs tooling (Renovate, Dependabot, kustomize `images`) to keep digests
#   up to date. Knative `Service`/`Configuration`/`Revision` are not checked: Knative resolves tags to digests
#   when it creates a revision.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/containers/images/#image-names
#   - ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies
#   - ref: https://knative.dev/docs/serving/configuration/deployment/#skipping-tag-resolution
# custom:
#   id: TG-K8S-028
#   severity: low
#   enforcement: off
#   remediation: |
#     Append the digest of the image you tested (`crane digest IMAGE` or `docker buildx imagetools inspect
#     IMAGE`); the tag may stay for readability, the kubelet pulls by digest:
#
#         containers:
#           - name: app
#             image: ghcr.io/acme/web:1.4.2@sha256:4a5c8d...e91f   # 64 hex digits
#
#     Let Renovate or Dependabot (`pinDigests`) update the digests.
#   frameworks:
#     - OWASP Kubernetes Top 10 K02 (Supply Chain Vulnerabilities)
#     - OpenSSF Scorecard Pinned-Dependencies
#     - NIST SP 800-190 (image trust)
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, argoproj.io/Rollout, argoproj.io/Workflow, argoproj.io/WorkflowTemplate, argoproj.io/ClusterWorkflowTemplate, argoproj.io/CronWorkflow]
package tollgate.kubernetes.image_not_pinned_by_digest

import data.tollgate.lib.kubernetes as k8s
import data.tollgate.lib.kubernetes.containers
import data.tollgate.lib.kubernetes.display
import rego.v1

warn contains {
	"msg": sprintf("Container `%s` in %s uses image `%s`, which is not pinned by digest (`@sha256:...`)", [k8s.container_name(c.container), display, image]),
	"path": array.concat(c.path, ["image"]),
} if {
	not knative
	some c in containers
	image := c.container.image
	is_string(image)
	trim_space(image) != ""
	not templated(image)
	not regex.match(`@sha256:[a-f0-9]{64}$`, trim_space(image))
}

knative if startswith(input.apiVersion, "serving.knative.dev/")

# Placeholders substituted later (envsubst, Helm, Kustomize vars, Argo parameters) are not image references.
templated(image) if contains(image, "${")

templated(image) if contains(image, "{{")

templated(image) if contains(image, "$(")
