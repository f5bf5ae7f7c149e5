package tollgate.kubernetes.apparmor_unconfined_test

import data.tollgate.kubernetes.apparmor_unconfined
import rego.v1

deployment(annotations, spec) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"template": {"metadata": {"annotations": annotations}, "spec": spec}}}

containers := [{"name": "app", "image": "nginx:1.27"}]

test_template_annotation_denied if {
	r := apparmor_unconfined.deny with input as deployment({"container.apparmor.security.beta.kubernetes.io/app": "unconfined"}, {"containers": containers})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "metadata", "annotations", "container.apparmor.security.beta.kubernetes.io/app"]
	contains(f.msg, "container `app`")
}

test_pod_annotation_denied if {
	p := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x", "annotations": {"container.apparmor.security.beta.kubernetes.io/app": "unconfined"}}, "spec": {"containers": containers}}
	r := apparmor_unconfined.deny with input as p
	some f in r
	f.path == ["metadata", "annotations", "container.apparmor.security.beta.kubernetes.io/app"]
}

test_cronjob_annotation_denied if {
	cron := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x"}, "spec": {"jobTemplate": {"spec": {"template": {
		"metadata": {"annotations": {"container.apparmor.security.beta.kubernetes.io/job": "unconfined"}},
		"spec": {"containers": [{"name": "job"}]},
	}}}}}
	r := apparmor_unconfined.deny with input as cron
	some f in r
	f.path == ["spec", "jobTemplate", "spec", "template", "metadata", "annotations", "container.apparmor.security.beta.kubernetes.io/job"]
}

test_security_context_unconfined_denied if {
	r := apparmor_unconfined.deny with input as deployment({}, {
		"securityContext": {"appArmorProfile": {"type": "Unconfined"}},
		"initContainers": [{"name": "init", "securityContext": {"appArmorProfile": {"type": "Unconfined"}}}],
		"containers": containers,
	})
	{f.path | some f in r} == {
		["spec", "template", "spec", "securityContext", "appArmorProfile", "type"],
		["spec", "template", "spec", "initContainers", 0, "securityContext", "appArmorProfile", "type"],
	}
}

test_runtime_default_and_localhost_allowed if {
	count(apparmor_unconfined.deny) == 0 with input as deployment(
		{"container.apparmor.security.beta.kubernetes.io/app": "runtime/default", "container.apparmor.security.beta.kubernetes.io/side": "localhost/k8s-nginx"},
		{"securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}}, "containers": containers},
	)
}

test_unrelated_annotation_allowed if {
	count(apparmor_unconfined.deny) == 0 with input as deployment({"example.com/mode": "unconfined"}, {"containers": containers})
}

test_other_annotation_values_denied if {
	r := apparmor_unconfined.deny with input as deployment(
		{
			"container.apparmor.security.beta.kubernetes.io/app": "dummy",
			"container.apparmor.security.beta.kubernetes.io/side": "Unconfined",
			"container.apparmor.security.beta.kubernetes.io/init": "localhost/",
			"container.apparmor.security.beta.kubernetes.io/ok": "",
		},
		{"containers": containers},
	)
	count(r) == 3
	some f in r
	f.msg == "Deployment `prod/web` runs container `app` with AppArmor profile `dummy` (annotation `container.apparmor.security.beta.kubernetes.io/app`); only `runtime/default` or `localhost/<profile>` are allowed"
}

test_other_profile_types_denied if {
	r := apparmor_unconfined.deny with input as deployment({}, {
		"securityContext": {"appArmorProfile": {"type": "dummy"}},
		"containers": [{"name": "app", "securityContext": {"appArmorProfile": {"type": "unconfined"}}}],
	})
	{f.path | some f in r} == {
		["spec", "template", "spec", "securityContext", "appArmorProfile", "type"],
		["spec", "template", "spec", "containers", 0, "securityContext", "appArmorProfile", "type"],
	}
}

test_localhost_type_allowed if {
	count(apparmor_unconfined.deny) == 0 with input as deployment({}, {"containers": [{"name": "app", "securityContext": {"appArmorProfile": {"type": "Localhost", "localhostProfile": "k8s-apparmor-example"}}}]})
}

test_argo_template_annotation_denied if {
	wf := {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "build"}, "spec": {
		"podMetadata": {"annotations": {"container.apparmor.security.beta.kubernetes.io/main": "unconfined"}},
		"templates": [{"name": "b", "metadata": {"annotations": {"container.apparmor.security.beta.kubernetes.io/main": "dummy"}}, "container": {"image": "x:1"}}],
	}}
	r := apparmor_unconfined.deny with input as wf
	{f.path | some f in r} == {
		["spec", "podMetadata", "annotations", "container.apparmor.security.beta.kubernetes.io/main"],
		["spec", "templates", 0, "metadata", "annotations", "container.apparmor.security.beta.kubernetes.io/main"],
	}
}
