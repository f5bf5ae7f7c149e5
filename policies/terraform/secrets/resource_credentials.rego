# METADATA
# title: Resource credential hard-coded
# description: >-
#   An argument that is a credential (a database master password, a cache auth token, a VM admin password, a
#   secret's value) set to a literal is committed to the repository and stored in plain text in the state.
#   A variable default or a `.tfvars` file in the module counts as a literal; unresolved expressions
#   (`random_password.db.result`, `var.x` without a default, `data.*`) and placeholders (`changeme`, `<...>`)
#   are not flagged. The arguments checked are listed in `credential_arguments`, with their write-only
#   forms (`password_wo`): a write-only argument keeps the value out of the state, not out of the
#   repository. In a plan, the constant values of the root module's configuration are judged (planned
#   values cannot tell a literal from a variable).
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/tutorials/configuration-language/sensitive-variables
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#manage_master_user_password
#   - ref: https://cwe.mitre.org/data/definitions/798.html
# custom:
#   id: TG-SEC-002
#   severity: high
#   enforcement: block
#   remediation: |
#     Rotate the credential (it is in the repository history), then let the service manage it or generate it
#     and keep it in a secret store:
#
#         resource "aws_db_instance" "main" {
#           # ...
#           manage_master_user_password = true   # stored and rotated in Secrets Manager
#         }
#
#         resource "random_password" "redis" {
#           length = 32
#         }
#
#         resource "aws_elasticache_replication_group" "cache" {
#           # ...
#           auth_token = random_password.redis.result
#         }
#   frameworks:
#     - CWE-798 (Use of Hard-coded Credentials)
#     - NIST SP 800-53 IA-5(7) (No Embedded Unencrypted Static Authenticators)
#     - OWASP Top 10 2021 A07 (Identification and Authentication Failures)
#   resource_types: [aws_db_instance, aws_rds_cluster, aws_docdb_cluster, aws_redshift_cluster, aws_redshiftserverless_namespace, aws_lightsail_database, aws_elasticache_replication_group, aws_elasticache_user, aws_memorydb_user, aws_mq_broker, aws_opensearch_domain, aws_elasticsearch_domain, aws_dms_endpoint, aws_directory_service_directory, aws_secretsmanager_secret_version, aws_ssm_parameter, azurerm_mssql_server, azurerm_sql_server, azurerm_mssql_managed_instance, azurerm_postgresql_server, azurerm_postgresql_flexible_server, azurerm_mysql_server, azurerm_mysql_flexible_server, azurerm_mariadb_server, azurerm_synapse_workspace, azurerm_linux_virtual_machine, azurerm_windows_virtual_machine, azurerm_linux_virtual_machine_scale_set, azurerm_windows_virtual_machine_scale_set, azurerm_key_vault_secret, google_sql_user, google_sql_database_instance, google_secret_manager_secret_version, github_actions_secret, github_actions_organization_secret, kubernetes_secret, kubernetes_secret_v1]
package tollgate.terraform.secrets.resource_credentials

import data.tollgate.lib.secrets as sec
import data.tollgate.lib.terraform as tf
import rego.v1

# Resource type -> paths of its credential arguments; "*" stands for every element of a nested block list,
# list or map. At most five steps.
credential_arguments := {
	"aws_db_instance": [["password"], ["password_wo"]],
	"aws_rds_cluster": [["master_password"], ["master_password_wo"]],
	"aws_docdb_cluster": [["master_password"], ["master_password_wo"]],
	"aws_redshift_cluster": [["master_password"], ["master_password_wo"]],
	"aws_redshiftserverless_namespace": [["admin_user_password"], ["admin_user_password_wo"]],
	"aws_lightsail_database": [["master_password"]],
	"aws_elasticache_replication_group": [["auth_token"]],
	"aws_elasticache_user": [["passwords", "*"]],
	"aws_memorydb_user": [["authentication_mode", "*", "passwords", "*"]],
	"aws_mq_broker": [["user", "*", "password"]],
	"aws_opensearch_domain": [["advanced_security_options", "*", "master_user_options", "*", "master_user_password"]],
	"aws_elasticsearch_domain": [["advanced_security_options", "*", "master_user_options", "*", "master_user_password"]],
	"aws_dms_endpoint": [["password"]],
	"aws_directory_service_directory": [["password"]],
	"aws_secretsmanager_secret_version": [["secret_string"], ["secret_string_wo"]],
	"aws_ssm_parameter": [["value"], ["value_wo"]], # SecureString parameters only
	"azurerm_mssql_server": [["administrator_login_password"]],
	"azurerm_sql_server": [["administrator_login_password"]],
	"azurerm_mssql_managed_instance": [["administrator_login_password"]],
	"azurerm_postgresql_server": [["administrator_login_password"]],
	"azurerm_postgresql_flexible_server": [["administrator_password"]],
	"azurerm_mysql_server": [["administrator_login_password"]],
	"azurerm_mysql_flexible_server": [["administrator_password"]],
	"azurerm_mariadb_server": [["administrator_login_password"]],
	"azurerm_synapse_workspace": [["sql_administrator_login_password"]],
	"azurerm_linux_virtual_machine": [["admin_password"]],
	"azurerm_windows_virtual_machine": [["admin_password"]],
	"azurerm_linux_virtual_machine_scale_set": [["admin_password"]],
	"azurerm_windows_virtual_machine_scale_set": [["admin_password"]],
	"azurerm_key_vault_secret": [["value"]],
	"google_sql_user": [["password"]],
	"google_sql_database_instance": [["root_password"]],
	"google_secret_manager_secret_version": [["secret_data"]],
	"github_actions_secret": [["plaintext_value"]],
	"github_actions_organization_secret": [["plaintext_value"]],
	"kubernetes_secret": [["data", "*"]],
	"kubernetes_secret_v1": [["data", "*"]],
}

# Configuration files.
deny contains {
	"msg": sprintf("Resource `%s` sets `%s` to a literal credential (`%s`)", [r.address, sec.path_text(sub), sec.mask(value)]),
	"path": array.concat(r.path, sub),
} if {
	not is_object(input.planned_values)
	some type, _ in input.resource # only the types the file has: most have none of the table's
	paths := credential_arguments[type]
	some r in tf.resources_of(type)
	applies(type, object.get(r.body, "type", null))
	some steps in paths
	some [sub, value] in values_at([[[], r.body]], steps)
	literal(value)
}

# Plans: constant values of the root module's configuration.
deny contains {
	"msg": sprintf("Resource `%s` sets `%s` to a literal credential (`%s`)", [res.address, sec.path_text(plain), sec.mask(value)]),
	"path": array.concat(["configuration", "root_module", "resources", i, "expressions"], sub),
} if {
	some i, res in input.configuration.root_module.resources
	is_object(res)
	res.mode == "managed"
	paths := credential_arguments[res.type]
	is_object(res.expressions)
	applies(res.type, object.get(res.expressions, ["type", "constant_value"], null))
	some steps in paths
	some [sub, value] in plan_values_at([[[], res.expressions]], steps)
	literal(value)
	plain := [s | some s in sub; s != "constant_value"]
}

# SSM: only SecureString parameters hold secrets (a String may hold anything).
applies(type, parameter_type) if type != "aws_ssm_parameter"

applies("aws_ssm_parameter", parameter_type) if parameter_type == "SecureString"

literal(value) if {
	is_string(value)
	tf.is_known(value)
	not sec.placeholder(value)
}

# [[sub-path, value]] at `steps` below each [path, node] of `nodes`; five steps at most (no recursion).
values_at(nodes, steps) := _at(_at(_at(_at(_at(nodes, steps, 0), steps, 1), steps, 2), steps, 3), steps, 4)

_at(nodes, steps, i) := nodes if count(steps) <= i

_at(nodes, steps, i) := [[array.concat(p, [k]), c] |
	some [p, v] in nodes
	_collection(v)
	some k, c in v
] if {
	count(steps) > i
	steps[i] == "*"
}

_at(nodes, steps, i) := [[array.concat(p, [key]), v[key]] |
	some [p, v] in nodes
	is_object(v)
	key in object.keys(v)
] if {
	count(steps) > i
	key := steps[i]
	key != "*"
}

_collection(v) if is_object(v)

_collection(v) if is_array(v)

# The same in a plan's configuration `expressions`: an argument is {"constant_value": ...} (absent when it
# is not a constant), a nested block a list of expressions objects.
plan_values_at(nodes, steps) := [_unwrap(n) | some n in _pat(_pat(_pat(_pat(_pat(nodes, steps, 0), steps, 1), steps, 2), steps, 3), steps, 4)]

_pat(nodes, steps, i) := nodes if count(steps) <= i

_pat(nodes, steps, i) := _at([_unwrap(n) | some n in nodes], steps, i) if count(steps) > i

_unwrap(n) := [array.concat(n[0], ["constant_value"]), n[1].constant_value] if _constant(n[1])

_unwrap(n) := n if not _constant(n[1])

_constant(v) if {
	is_object(v)
	"constant_value" in object.keys(v)
}
