package tollgate.terraform.gcp.gke_private_nodes_disabled_test

import data.tollgate.terraform.gcp.gke_private_nodes_disabled
import rego.v1

cluster(body) := {"resource": {"google_container_cluster": {"main": [object.union({"name": "main", "location": "europe-west1"}, body)]}}}

test_missing_config_warned_on_resource if {
	findings := gke_private_nodes_disabled.warn with input as cluster({})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_container_cluster", "main", 0]
}

test_private_nodes_false_warned if {
	findings := gke_private_nodes_disabled.warn with input as cluster({"private_cluster_config": [{"enable_private_nodes": false, "enable_private_endpoint": false}]})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_container_cluster", "main", 0, "private_cluster_config", 0, "enable_private_nodes"]
}

test_config_without_private_nodes_warned_on_block if {
	findings := gke_private_nodes_disabled.warn with input as cluster({"private_cluster_config": [{"master_ipv4_cidr_block": "172.16.0.0/28"}]})
	count(findings) == 1
	some f in findings
	f.path == ["resource", "google_container_cluster", "main", 0, "private_cluster_config", 0]
}

test_private_nodes_allowed if {
	count(gke_private_nodes_disabled.warn) == 0 with input as cluster({"private_cluster_config": [{"enable_private_nodes": true, "master_ipv4_cidr_block": "172.16.0.0/28"}]})
}

test_unresolved_allowed if {
	count(gke_private_nodes_disabled.warn) == 0 with input as cluster({"private_cluster_config": [{"enable_private_nodes": "${var.private_nodes}"}]})
}

test_dynamic_block_not_judged if {
	count(gke_private_nodes_disabled.warn) == 0 with input as cluster({"dynamic": {"private_cluster_config": [{"for_each": "${var.private ? [1] : []}", "content": [{"enable_private_nodes": true}]}]}})
}

test_plan_without_config_warned if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_container_cluster.main",
		"mode": "managed",
		"type": "google_container_cluster",
		"name": "main",
		"values": {"name": "main", "location": "europe-west1", "private_cluster_config": []},
	}]}}}
	findings := gke_private_nodes_disabled.warn with input as plan
	count(findings) == 1
	some f in findings
	f.path == ["planned_values", "root_module", "resources", 0, "values"]
}

test_plan_private_allowed if {
	plan := {"planned_values": {"root_module": {"resources": [{
		"address": "google_container_cluster.main",
		"mode": "managed",
		"type": "google_container_cluster",
		"name": "main",
		"values": {"name": "main", "private_cluster_config": [{"enable_private_nodes": true, "enable_private_endpoint": false}]},
	}]}}}
	count(gke_private_nodes_disabled.warn) == 0 with input as plan
}
