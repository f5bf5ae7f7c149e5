package tollgate.kubernetes.credential_in_manifest_test

import data.tollgate.kubernetes.credential_in_manifest as rule
import rego.v1

fake_github := concat("", ["ghp_", "0123456789abcdefghijABCDEFGHIJ012345"])

test_cronjob_env_value_denied if {
	cron := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "sync", "namespace": "shop"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{
		"name": "sync",
		"env": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "GH", "value": fake_github}],
	}]}}}}}}
	r := rule.deny with input as cron
	count(r) == 1
	some f in r
	f.path == ["spec", "jobTemplate", "spec", "template", "spec", "containers", 0, "env", 1, "value"]
	f.msg == "CronJob `shop/sync` has a GitHub token (`ghp_****`) in `spec.jobTemplate.spec.template.spec.containers[0].env[1].value`"
	not contains(f.msg, fake_github)
}

test_config_map_file_denied if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "aws", "namespace": "ops"}, "data": {"credentials": "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n", "region": "eu-west-1"}}
	r := rule.deny with input as cm
	{f.path | some f in r} == {["data", "credentials"]}
}

test_argo_script_and_args_denied if {
	wf := {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"generateName": "notify-"}, "spec": {"templates": [{
		"name": "notify",
		"script": {"image": "curlimages/curl:8.10.1", "source": "curl -H 'Authorization: Bearer xoxb-000000000000-0000000000000-FAKEfakeFAKEfakeFAKEfake' https://slack.com/api/chat.postMessage"},
	}]}}
	r := rule.deny with input as wf
	{f.path | some f in r} == {["spec", "templates", 0, "script", "source"]}
}

test_clean_manifest_allowed if {
	count(rule.deny) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "web"}, "data": {"url": "https://api.example.com", "token_file": "/var/run/secrets/token"}}
}

test_secret_left_to_its_rule if {
	count(rule.deny) == 0 with input as {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "aws"}, "stringData": {"id": "AKIAIOSFODNN7EXAMPLE"}}
}
