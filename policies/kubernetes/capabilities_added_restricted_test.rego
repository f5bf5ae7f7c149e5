package tollgate.kubernetes.capabilities_added_restricted_test

import data.tollgate.kubernetes.capabilities_added_restricted
import rego.v1

pod(add, os) := {
	"apiVersion": "v1",
	"kind": "Pod",
	"metadata": {"name": "web", "namespace": "prod"},
	"spec": object.union(os, {"containers": [{"name": "nginx", "image": "nginx:1.27", "securityContext": {"capabilities": {"drop": ["ALL"], "add": add}}}]}),
}

test_default_set_capabilities_warned if {
	r := capabilities_added_restricted.warn with input as pod(["NET_BIND_SERVICE", "chown", "CAP_SETUID"], {})
	count(r) == 1
	some f in r
	f.path == ["spec", "containers", 0, "securityContext", "capabilities", "add"]
	contains(f.msg, "`CHOWN`, `SETUID`")
}

test_net_bind_service_allowed if {
	count(capabilities_added_restricted.warn) == 0 with input as pod(["NET_BIND_SERVICE"], {})
	count(capabilities_added_restricted.warn) == 0 with input as pod([], {})
}

test_dangerous_capabilities_left_to_baseline_rule if {
	count(capabilities_added_restricted.warn) == 0 with input as pod(["SYS_ADMIN", "NET_RAW"], {})
}

test_windows_exempt if {
	count(capabilities_added_restricted.warn) == 0 with input as pod(["CHOWN"], {"os": {"name": "windows"}})
}

test_odd_shapes_ignored if {
	count(capabilities_added_restricted.warn) == 0 with input as pod(null, {})
	count(capabilities_added_restricted.warn) == 0 with input as pod([1, null], {})
}
