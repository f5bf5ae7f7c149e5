package tollgate.kubernetes.default_namespace_test

import data.tollgate.kubernetes.default_namespace
import rego.v1

test_missing_namespace_points_at_document if {
	r := default_namespace.warn with input as {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {}}
	count(r) == 1
	some f in r
	f.path == []
}

test_default_namespace_points_at_field if {
	r := default_namespace.warn with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "default"}, "spec": {}}
	count(r) == 1
	some f in r
	f.path == ["metadata", "namespace"]
}

test_pod_and_cronjob_warned if {
	count(default_namespace.warn) == 1 with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {}}
	count(default_namespace.warn) == 1 with input as {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "x", "namespace": "default"}, "spec": {}}
}

test_dedicated_namespace_allowed if {
	count(default_namespace.warn) == 0 with input as {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"}, "spec": {}}
}

test_cluster_scoped_kinds_ignored if {
	count(default_namespace.warn) == 0 with input as {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}
	count(default_namespace.warn) == 0 with input as {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "reader"}}
}

test_custom_resource_ignored if {
	count(default_namespace.warn) == 0 with input as {"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "tls"}}
}
