package tollgate.lib.kubernetes_test

import data.tollgate.lib.kubernetes
import rego.v1

pod_spec := {"containers": [{"name": "app", "image": "nginx:1.27"}]}

paths(entries) := {e.path | some e in entries}

test_core_kinds if {
	paths(kubernetes.pod_specs) == {["spec"]} with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": pod_spec}
	paths(kubernetes.pod_specs) == {["spec", "template", "spec"]} with input as {"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"template": {"spec": pod_spec}}}
	every kind in ["StatefulSet", "DaemonSet", "ReplicaSet"] {
		paths(kubernetes.pod_specs) == {["spec", "template", "spec"]} with input as {"apiVersion": "apps/v1", "kind": kind, "spec": {"template": {"spec": pod_spec}}}
	}
	paths(kubernetes.pod_specs) == {["spec", "template", "spec"]} with input as {"apiVersion": "v1", "kind": "ReplicationController", "spec": {"template": {"spec": pod_spec}}}
	paths(kubernetes.pod_specs) == {["spec", "template", "spec"]} with input as {"apiVersion": "batch/v1", "kind": "Job", "spec": {"template": {"spec": pod_spec}}}
	paths(kubernetes.pod_specs) == {["template", "spec"]} with input as {"apiVersion": "v1", "kind": "PodTemplate", "template": {"spec": pod_spec}}
	paths(kubernetes.containers) == {["spec", "jobTemplate", "spec", "template", "spec", "containers", 0]} with input as {"apiVersion": "batch/v1", "kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"spec": pod_spec}}}}}
}

test_core_service_holds_no_pod_spec if {
	count(kubernetes.pod_specs) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {"template": {"spec": pod_spec}, "ports": [{"port": 80}]}}
	count(kubernetes.containers) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {"template": {"spec": pod_spec}}}
}

test_knative_kinds if {
	paths(kubernetes.containers) == {["spec", "template", "spec", "containers", 0]} with input as {"apiVersion": "serving.knative.dev/v1", "kind": "Service", "spec": {"template": {"spec": pod_spec}}}
	paths(kubernetes.containers) == {["spec", "template", "spec", "containers", 0]} with input as {"apiVersion": "serving.knative.dev/v1", "kind": "Configuration", "spec": {"template": {"spec": pod_spec}}}
	r := kubernetes.pod_specs with input as {"apiVersion": "serving.knative.dev/v1", "kind": "Revision", "spec": pod_spec}
	[e.path | some e in r] == [["spec"]]
	[e.metadata_path | some e in r] == [["metadata"]]
}

test_rollout_needs_argo_group if {
	paths(kubernetes.containers) == {["spec", "template", "spec", "containers", 0]} with input as {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "spec": {"template": {"spec": pod_spec}}}
	count(kubernetes.pod_specs) == 0 with input as {"apiVersion": "example.com/v1", "kind": "Rollout", "spec": {"template": {"spec": pod_spec}}}
}

workflow_spec := {
	"securityContext": {"runAsNonRoot": true},
	"volumes": [{"name": "work", "emptyDir": {}}],
	"templates": [
		{"name": "main", "steps": [[{"name": "build", "template": "build"}]]},
		{
			"name": "build",
			"container": {"image": "golang:1.23"},
			"initContainers": [{"name": "fetch", "image": "alpine/git:2.45.2"}],
			"sidecars": [{"name": "docker", "image": "docker:27-dind"}],
		},
		{"name": "report", "script": {"image": "python:3.12", "source": "print(1)"}, "securityContext": {"runAsUser": 1000}},
		{"name": "pair", "containerSet": {"containers": [{"name": "a", "image": "alpine:3.20"}, {"name": "b", "image": "alpine:3.20"}]}},
	],
}

test_workflow_pod_specs if {
	r := kubernetes.pod_specs with input as {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"generateName": "ci-"}, "spec": workflow_spec}
	[[e.path, object.get(e, "inherits", null)] | some e in r] == [
		[["spec"], null],
		[["spec", "templates", 1], ["spec"]],
		[["spec", "templates", 2], ["spec"]],
		[["spec", "templates", 3], ["spec"]],
	]
	r[0].metadata_path == ["spec", "podMetadata"]
	r[1].metadata_path == ["spec", "templates", 1, "metadata"]
}

test_workflow_containers if {
	r := kubernetes.containers with input as {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"generateName": "ci-"}, "spec": workflow_spec}
	{[c.path, c.container.name, c.field, c.pod.path] | some c in r} == {
		[["spec", "templates", 1, "container"], "build/main", "containers", ["spec"]],
		[["spec", "templates", 1, "initContainers", 0], "build/fetch", "initContainers", ["spec"]],
		[["spec", "templates", 1, "sidecars", 0], "build/docker", "containers", ["spec"]],
		[["spec", "templates", 2, "script"], "report/main", "containers", ["spec", "templates", 2]],
		[["spec", "templates", 3, "containerSet", "containers", 0], "pair/a", "containers", ["spec"]],
		[["spec", "templates", 3, "containerSet", "containers", 1], "pair/b", "containers", ["spec"]],
	}
}

test_workflow_kinds_and_cron_workflow if {
	count(kubernetes.containers) == 6 with input as {"apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTemplate", "spec": workflow_spec}
	count(kubernetes.containers) == 6 with input as {"apiVersion": "argoproj.io/v1alpha1", "kind": "ClusterWorkflowTemplate", "spec": workflow_spec}
	r := kubernetes.containers with input as {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", "spec": {"schedule": "0 * * * *", "workflowSpec": workflow_spec}}
	some c in r
	c.path == ["spec", "workflowSpec", "templates", 1, "container"]
	c.pod.path == ["spec", "workflowSpec"]
	count(kubernetes.pod_specs) == 0 with input as {"apiVersion": "example.com/v1", "kind": "Workflow", "spec": workflow_spec}
}

test_generate_name_in_display if {
	kubernetes.display == "Workflow `ci/build-`" with input as {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"generateName": "build-", "namespace": "ci"}, "spec": {}}
	kubernetes.display == "Pod `web`" with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "generateName": "w-"}, "spec": {}}
}

sa(name, ns, automount) := {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name, "namespace": ns}, "automountServiceAccountToken": automount}

test_deployed_from_the_index_and_from_the_list_alike if {
	first := sa("web", "prod", true)
	last := sa("web", "prod", false)
	unset := {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "api"}}
	index := {"ServiceAccount": {"prod": {"web": last}, "": {"api": unset}}}
	kubernetes.deployed("ServiceAccount", "prod", "web") == last with data.tollgate.manifest_index as index
	kubernetes.deployed("ServiceAccount", "", "api") == unset with data.tollgate.manifest_index as index
	not kubernetes.deployed("ServiceAccount", "dev", "web") with data.tollgate.manifest_index as index

	# Without the index (as here, in unit tests): the last of duplicates, a namespace left unset is "".
	kubernetes.deployed("ServiceAccount", "prod", "web") == last with data.tollgate.manifests as [first, unset, last]
	kubernetes.deployed("ServiceAccount", "", "api") == unset with data.tollgate.manifests as [first, unset, last]
	not kubernetes.deployed("Secret", "prod", "web") with data.tollgate.manifests as [first, unset, last]
}
