package tollgate.kubernetes.image_tag_latest_test

import data.tollgate.kubernetes.image_tag_latest
import rego.v1

deployment(image) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"spec": {"containers": [{"name": "app", "image": image}]}}}}

denied(image) if count(image_tag_latest.deny) == 1 with input as deployment(image)

allowed(image) if count(image_tag_latest.deny) == 0 with input as deployment(image)

test_latest_tag_denied if {
	r := image_tag_latest.deny with input as deployment("nginx:latest")
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0, "image"]
}

test_no_tag_denied if denied("nginx")

test_no_tag_with_registry_path_denied if denied("ghcr.io/acme/api")

test_registry_port_without_tag_denied if denied("registry.local:5000/team/app")

test_registry_port_with_latest_denied if denied("registry.local:5000/team/app:latest")

test_version_tag_allowed if allowed("nginx:1.27.2")

test_registry_port_with_tag_allowed if allowed("registry.local:5000/team/app:2.3.1")

test_digest_allowed if allowed("ghcr.io/acme/api@sha256:4c1e7e3e0f6d1bca2d4a8a5b3f2b4f8e6c1d7a9b0e2f3c4d5e6f7a8b9c0d1e2f")

test_tag_and_digest_allowed if allowed("nginx:latest@sha256:4c1e7e3e0f6d1bca2d4a8a5b3f2b4f8e6c1d7a9b0e2f3c4d5e6f7a8b9c0d1e2f")

test_template_placeholder_allowed if allowed("${IMAGE}")

test_cronjob_init_container_denied if {
	cron := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "backup"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {
		"initContainers": [{"name": "init", "image": "busybox"}],
		"containers": [{"name": "job", "image": "busybox:1.36"}],
	}}}}}}
	r := image_tag_latest.deny with input as cron
	count(r) == 1
	some f in r
	f.path == ["spec", "jobTemplate", "spec", "template", "spec", "initContainers", 0, "image"]
}

test_pod_ephemeral_container_denied if {
	p := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "debug"}, "spec": {
		"containers": [{"name": "app", "image": "nginx:1.27"}],
		"ephemeralContainers": [{"name": "dbg", "image": "busybox:latest"}],
	}}
	count(image_tag_latest.deny) == 1 with input as p
}
