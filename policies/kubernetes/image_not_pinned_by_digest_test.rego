package tollgate.kubernetes.image_not_pinned_by_digest_test

import data.tollgate.kubernetes.image_not_pinned_by_digest as rule
import rego.v1

digest := "sha256:6a3b5c1d2e4f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"

pod(images) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "prod"}, "spec": {
	"initContainers": [{"name": "init", "image": images[0]}],
	"containers": [{"name": "app", "image": images[1]}],
}}

test_tag_and_no_tag_warned if {
	r := rule.warn with input as pod(["busybox", "ghcr.io/acme/web:1.4.2"])
	{f.path | some f in r} == {["spec", "initContainers", 0, "image"], ["spec", "containers", 0, "image"]}
	some f in r
	f.msg == "Container `app` in Pod `prod/web` uses image `ghcr.io/acme/web:1.4.2`, which is not pinned by digest (`@sha256:...`)"
}

test_digest_allowed if {
	count(rule.warn) == 0 with input as pod([concat("@", ["busybox", digest]), concat("@", ["ghcr.io/acme/web:1.4.2", digest])])
}

test_truncated_digest_warned if {
	count(rule.warn) == 1 with input as pod([concat("@", ["busybox", digest]), "ghcr.io/acme/web@sha256:6a3b5c1d"])
}

test_templated_and_empty_ignored if {
	count(rule.warn) == 0 with input as pod(["${IMAGE}", "{{ .Values.image }}"])
	count(rule.warn) == 0 with input as pod(["$(IMAGE)", ""])
}

test_argo_workflow_warned if {
	r := rule.warn with input as {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "build"}, "spec": {"templates": [{"name": "b", "container": {"image": "golang:1.23"}}]}}
	{f.path | some f in r} == {["spec", "templates", 0, "container", "image"]}
}

test_knative_not_judged if {
	count(rule.warn) == 0 with input as {"apiVersion": "serving.knative.dev/v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {"template": {"spec": {"containers": [{"image": "ghcr.io/acme/web:1.4.2"}]}}}}
}
