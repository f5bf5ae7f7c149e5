package tollgate.kubernetes.secret_committed_test

import data.tollgate.kubernetes.secret_committed as rule
import rego.v1

secret(body) := object.union({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "namespace": "shop"}, "type": "Opaque"}, body)

test_data_warned if {
	r := rule.warn with input as secret({"data": {"username": base64.encode("app"), "password": base64.encode("Sup3r-S3cret!")}})
	count(r) == 1
	some f in r
	f.path == ["data"]
	f.msg == "Secret `shop/db` commits the value(s) of `password`, `username` in `data`"
	not contains(f.msg, "Sup3r")
}

test_string_data_warned if {
	r := rule.warn with input as secret({"stringData": {"token": "fake-token-value", "url": ""}})
	some f in r
	f.path == ["stringData"]
	f.msg == "Secret `shop/db` commits the value(s) of `token` in `stringData`"
}

test_empty_and_placeholders_allowed if {
	count(rule.warn) == 0 with input as secret({})
	count(rule.warn) == 0 with input as secret({"data": {}})
	count(rule.warn) == 0 with input as secret({"data": null, "stringData": {"password": "${DB_PASSWORD}", "token": "<token>", "key": "changeme"}})
	count(rule.warn) == 0 with input as secret({"data": {"password": base64.encode("changeme"), "empty": ""}})
	count(rule.warn) == 0 with input as secret({"stringData": {"password": "{{ .Values.db.password }}"}})
}

test_service_account_token_secret_allowed if {
	count(rule.warn) == 0 with input as secret({"type": "kubernetes.io/service-account-token", "metadata": {"name": "ci-token", "annotations": {"kubernetes.io/service-account.name": "ci"}}})
}

test_other_kinds_ignored if {
	count(rule.warn) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": "b"}}
}
