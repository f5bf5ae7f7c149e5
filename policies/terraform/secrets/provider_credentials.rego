# METADATA
# title: Provider credentials hard-coded
# description: >-
#   A provider block (`provider "aws"`, `"azurerm"`, `"github"`, ...) that sets an access key, secret, token
#   or password to a literal commits the credential to the repository, where everyone with read access, every
#   clone and every CI log that prints the configuration has it; a variable default or a `.tfvars` file in the
#   module counts as a literal. Unresolved expressions (`var.x` without a default, `data.*`, `file(...)`) and
#   placeholders are not flagged. Google's `credentials` is flagged only when it holds the key file's JSON
#   rather than a path. Judged on configuration files and on a plan's `configuration.provider_config`
#   (constant values).
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration
#   - ref: https://developer.hashicorp.com/terraform/language/providers/configuration
#   - ref: https://cwe.mitre.org/data/definitions/798.html
# custom:
#   id: TG-SEC-001
#   severity: critical
#   enforcement: block
#   remediation: |
#     Revoke the credential (it is in the repository history), then let the provider read credentials from
#     its environment: environment variables, a shared credentials file or profile, or workload identity
#     (OIDC) in CI:
#
#         provider "aws" {
#           region = "eu-west-1"
#           # credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or an assumed role
#         }
#
#     If an argument is needed, pass it from a variable without a default, marked `sensitive = true`.
#   frameworks:
#     - CWE-798 (Use of Hard-coded Credentials)
#     - OWASP Top 10 2021 A07 (Identification and Authentication Failures)
#     - NIST SP 800-53 IA-5(7) (No Embedded Unencrypted Static Authenticators)
#   resource_types: [provider]
package tollgate.terraform.secrets.provider_credentials

import data.tollgate.lib.secrets as sec
import data.tollgate.lib.terraform as tf
import rego.v1

# Provider arguments that hold a credential (the same names across providers: aws, azurerm, google,
# github, gitlab, kubernetes, helm, vault, cloudflare, datadog, digitalocean, postgresql, mysql, ...).
credential_arguments := {
	"access_key", "secret_key", "token", "password", "client_secret", "client_certificate_password",
	"api_key", "api_token", "app_key", "access_token", "auth_token", "client_key", "private_key",
	"sas_token", "master_key", "credentials",
}

# Configuration: arguments of `provider` blocks, and of one level of nested blocks
# (`provider "helm" { kubernetes { token = ... } }`).
deny contains {
	"msg": sprintf("Provider `%s`%s sets `%s` to a literal credential (`%s`)", [name, alias_text(body), arg, sec.mask(value)]),
	"path": path,
} if {
	providers := input.provider
	is_object(providers)
	some name, bodies in providers
	is_array(bodies)
	some i, body in bodies
	is_object(body)
	some [sub, arg, value] in arguments(body)
	literal_credential(arg, value)
	path := array.concat(["provider", name, i], sub)
}

# Plan: constant values in the configuration of each provider (keys such as `aws` or `aws.west`).
deny contains {
	"msg": sprintf("Provider `%s` sets `%s` to a literal credential (`%s`)", [key, arg, sec.mask(value)]),
	"path": array.concat(["configuration", "provider_config", key, "expressions"], sub),
} if {
	configs := input.configuration.provider_config
	is_object(configs)
	some key, config in configs
	is_object(config.expressions)
	some [sub, arg, value] in plan_arguments(config.expressions)
	literal_credential(arg, value)
}

# [sub-path, argument, value] of a provider body's credential arguments.
arguments(body) := array.concat(
	[[[arg], arg, body[arg]] | some arg in credential_arguments; arg in object.keys(body)],
	[[[block, j, arg], arg, b[arg]] |
		some block, blocks in body
		is_array(blocks)
		some j, b in blocks
		is_object(b)
		some arg in credential_arguments
		arg in object.keys(b)
	],
)

plan_arguments(expressions) := array.concat(
	[[[arg, "constant_value"], arg, expressions[arg].constant_value] | some arg in credential_arguments; is_object(expressions[arg])],
	[[[block, j, arg, "constant_value"], arg, b[arg].constant_value] |
		some block, blocks in expressions
		is_array(blocks)
		some j, b in blocks
		is_object(b)
		some arg in credential_arguments
		is_object(b[arg])
	],
)

literal_credential(arg, value) if {
	arg != "credentials"
	is_string(value)
	tf.is_known(value)
	not sec.placeholder(value)
}

# google's `credentials` takes a file path or the key file's contents: only the contents are a secret.
literal_credential("credentials", value) if {
	is_string(value)
	tf.is_known(value)
	contains(value, "private_key")
}

alias_text(body) := sprintf(" (alias `%s`)", [body.alias]) if is_string(body.alias)

alias_text(body) := "" if not is_string(body.alias)
