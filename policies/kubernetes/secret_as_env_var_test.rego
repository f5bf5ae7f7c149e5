package tollgate.kubernetes.secret_as_env_var_test

import data.tollgate.kubernetes.secret_as_env_var
import rego.v1

deployment(container) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "api", "namespace": "shop"},
	"spec": {"template": {"spec": {"containers": [object.union({"name": "api", "image": "ghcr.io/acme/api:1.0.0"}, container)]}}},
}

test_secret_key_ref_warned if {
	r := secret_as_env_var.warn with input as deployment({"env": [
		{"name": "LOG_LEVEL", "value": "info"},
		{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
	]})
	count(r) == 1
	some f in r
	f.path == ["spec", "template", "spec", "containers", 0, "env", 1, "valueFrom", "secretKeyRef"]
	contains(f.msg, "Secret `db`")
}

test_env_from_secret_warned if {
	r := secret_as_env_var.warn with input as deployment({"envFrom": [{"configMapRef": {"name": "cfg"}}, {"secretRef": {"name": "api-keys"}}]})
	{f.path | some f in r} == {["spec", "template", "spec", "containers", 0, "envFrom", 1, "secretRef"]}
}

test_config_map_and_field_refs_allowed if {
	count(secret_as_env_var.warn) == 0 with input as deployment({
		"env": [
			{"name": "POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
			{"name": "MODE", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "mode"}}},
		],
		"envFrom": [{"configMapRef": {"name": "cfg"}}],
	})
}

test_odd_shapes_ignored if {
	count(secret_as_env_var.warn) == 0 with input as deployment({"env": null, "envFrom": [null, {"secretRef": "x"}]})
}
