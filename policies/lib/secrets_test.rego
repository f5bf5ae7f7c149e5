package tollgate.lib.secrets_test

import data.tollgate.lib.secrets
import rego.v1

# Fake credentials built to match each format (none is valid anywhere).
fake_github := concat("", ["ghp_", "0123456789abcdefghijABCDEFGHIJ012345"])

fake_github_pat := concat("", ["github_pat_", "11AAAAAAA0fakefakefake", "_", "0fakeFAKE0fakeFAKE0fakeFAKE0fakeFAKE0fakeFAKE0fakeFAKE0fake"])

fake_slack := "xoxb-000000000000-0000000000000-FAKEfakeFAKEfakeFAKEfake"

fake_google := concat("", ["AIza", "SyFAKE-fake_FAKE-fake_FAKE-fake_FAK"])

fake_pem := "-----BEGIN RSA PRIVATE KEY-----\nMIIEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfake\nNOTAREALKEY==\n-----END RSA PRIVATE KEY-----\n"

test_formats if {
	secrets.credentials_in("aws_access_key_id = AKIAIOSFODNN7EXAMPLE") == [["an AWS access key ID", "AKIA****"]]
	secrets.credentials_in("export AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE\n") == [["an AWS access key ID", "ASIA****"]]
	secrets.credentials_in(sprintf("token: %s", [fake_github])) == [["a GitHub token", "ghp_****"]]
	secrets.credentials_in(fake_github_pat) == [["a GitHub token", "gith****"]]
	secrets.credentials_in(sprintf("https://hooks.example.com?t=%s", [fake_slack])) == [["a Slack token", "xoxb****"]]
	secrets.credentials_in(sprintf("key=%s&q=x", [fake_google])) == [["a Google API key", "AIza****"]]
	secrets.credentials_in(fake_pem) == [["a private key", "-----BEGIN RSA PRIVATE KEY-----"]]
}

test_several_formats_in_one_value if {
	count(secrets.credentials_in(sprintf("AKIAIOSFODNN7EXAMPLE %s", [fake_github]))) == 2
}

test_json_encoded_private_key if {
	secrets.credentials_in(json.marshal({"key": fake_pem})) == [["a private key", "-----BEGIN RSA PRIVATE KEY-----"]]
	secrets.credentials_in("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQFAKE\n") == [["a private key", "-----BEGIN OPENSSH PRIVATE KEY-----"]]
}

test_not_credentials if {
	secrets.credentials_in("AKIAIOSFODNN7EXAMPL") == []
	secrets.credentials_in("XAKIAIOSFODNN7EXAMPLE") == []
	secrets.credentials_in("ghp_short") == []
	secrets.credentials_in("xoxb-your-token-here") == []
	secrets.credentials_in("-----BEGIN RSA PRIVATE KEY-----\n${var.private_key_body}\n-----END RSA PRIVATE KEY-----") == []
	secrets.credentials_in("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAfake\n-----END PUBLIC KEY-----") == []
	secrets.credentials_in("-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBafake\n-----END CERTIFICATE-----") == []
	secrets.credentials_in("") == []
}

test_mask if {
	secrets.mask("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") == "wJal****"
	secrets.mask("abc") == "abc****"
}

test_placeholders if {
	every v in ["", "  ", "${var.password}", "prefix-${var.x}", "{{ .Values.token }}", "<your token>", "changeme", "CHANGEME", "xxxxxxxx", "****", "REDACTED"] {
		secrets.placeholder(v)
	}
	every v in ["hunter2", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "a<b>c"] {
		not secrets.placeholder(v)
	}
}

test_strings_in if {
	secrets.strings_in({"a": "x", "b": [1, "y", {"c": "z"}], "d": {"e": null}}) == [[["a"], "x"], [["b", 1], "y"], [["b", 2, "c"], "z"]]
	secrets.strings_in("top") == [[[], "top"]]
}

test_strings_in_depth if {
	deep := {"1": {"2": {"3": {"4": {"5": {"6": {"7": {"8": {"9": {"10": {"11": {"12": "in", "13": {"x": "out"}}}}}}}}}}}}}
	[v | some [_, v] in secrets.strings_in(deep)] == ["in"]
}

test_path_text if {
	secrets.path_text(["spec", "containers", 0, "env", 1, "value"]) == "spec.containers[0].env[1].value"
	secrets.path_text(["data", "app.properties"]) == `data["app.properties"]`
	secrets.path_text(["user_data"]) == "user_data"
}

test_may_hold_credentials if {
	secrets.may_hold_credentials({"a": [{"b": "x AKIAIOSFODNN7EXAMPLE"}]})
	secrets.may_hold_credentials({"k": "-----BEGIN RSA PRIVATE KEY-----\nMIIEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfake\n"})
	not secrets.may_hold_credentials({"a": [{"b": "nothing here"}], "n": 1})
}

test_may_hold_credentials_after_escaped_newline if {
	secrets.may_hold_credentials({"credentials": "[default]\nAKIAIOSFODNN7EXAMPLE\n"})
	secrets.credentials_in("[default]\nAKIAIOSFODNN7EXAMPLE\n") == [["an AWS access key ID", "AKIA****"]]
}
