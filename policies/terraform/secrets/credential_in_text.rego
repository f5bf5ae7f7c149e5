# METADATA
# title: Credential in a Terraform value
# description: >-
#   A string of a resource (user data, a startup script, a heredoc, environment variables, a JSON-encoded
#   container definition, a file's content) holds a credential in a recognisable format: an AWS access key
#   ID (`AKIA`/`ASIA`), a PEM private key, a GitHub token (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`,
#   `github_pat_`), a Slack token (`xoxa-`/`xoxb-`/`xoxp-`/`xoxr-`/`xoxs-`) or a Google API key (`AIza`). It is
#   committed to the repository, stored in the state, and for user data readable by every process on the
#   instance. AWS's documented example keys are flagged like real ones. Every string of the resource types
#   listed below is searched, nested up to 12 levels; plans are judged on their planned values.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles
#   - ref: https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns
#   - ref: https://cwe.mitre.org/data/definitions/798.html
# custom:
#   id: TG-SEC-003
#   severity: high
#   enforcement: block
#   remediation: |
#     Revoke the credential (it is in the repository history), then give the workload an identity instead of
#     a key (instance profile, IAM role for the task or function, workload identity) or read the secret at
#     run time from a secret store:
#
#         resource "aws_instance" "worker" {
#           # ...
#           iam_instance_profile = aws_iam_instance_profile.worker.name
#           user_data = <<-EOT
#             #!/bin/bash
#             TOKEN=$(aws secretsmanager get-secret-value --secret-id ci/github-token --query SecretString --output text)
#           EOT
#         }
#   frameworks:
#     - CWE-798 (Use of Hard-coded Credentials)
#     - NIST SP 800-53 IA-5(7) (No Embedded Unencrypted Static Authenticators)
#     - OWASP Top 10 2021 A07 (Identification and Authentication Failures)
#   resource_types: [aws_instance, aws_launch_template, aws_launch_configuration, aws_lambda_function, aws_ecs_task_definition, aws_batch_job_definition, aws_codebuild_project, aws_elastic_beanstalk_environment, aws_apprunner_service, aws_sfn_state_machine, aws_glue_job, aws_cloudformation_stack, aws_ssm_document, aws_ssm_parameter, google_compute_instance, google_compute_instance_template, google_cloudfunctions_function, google_cloudfunctions2_function, google_cloud_run_service, google_cloud_run_v2_service, google_cloud_run_v2_job, azurerm_linux_virtual_machine, azurerm_windows_virtual_machine, azurerm_virtual_machine, azurerm_linux_virtual_machine_scale_set, azurerm_windows_virtual_machine_scale_set, azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_function_app, azurerm_windows_function_app, azurerm_container_group, azurerm_container_app, kubernetes_deployment, kubernetes_deployment_v1, kubernetes_stateful_set_v1, kubernetes_cron_job_v1, kubernetes_job_v1, kubernetes_pod_v1, kubernetes_config_map, kubernetes_config_map_v1, helm_release, local_file, null_resource, terraform_data, github_repository_file]
package tollgate.terraform.secrets.credential_in_text

import data.tollgate.lib.secrets as sec
import data.tollgate.lib.terraform as tf
import rego.v1

# The resource types searched (the same list as `resource_types`): those whose arguments carry scripts,
# environment variables, configuration files or templates.
scanned_types := [
	"aws_instance", "aws_launch_template", "aws_launch_configuration", "aws_lambda_function",
	"aws_ecs_task_definition", "aws_batch_job_definition", "aws_codebuild_project",
	"aws_elastic_beanstalk_environment", "aws_apprunner_service", "aws_sfn_state_machine", "aws_glue_job",
	"aws_cloudformation_stack", "aws_ssm_document", "aws_ssm_parameter",
	"google_compute_instance", "google_compute_instance_template", "google_cloudfunctions_function",
	"google_cloudfunctions2_function", "google_cloud_run_service", "google_cloud_run_v2_service",
	"google_cloud_run_v2_job",
	"azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_virtual_machine",
	"azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set",
	"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app",
	"azurerm_windows_function_app", "azurerm_container_group", "azurerm_container_app",
	"kubernetes_deployment", "kubernetes_deployment_v1", "kubernetes_stateful_set_v1", "kubernetes_cron_job_v1",
	"kubernetes_job_v1", "kubernetes_pod_v1", "kubernetes_config_map", "kubernetes_config_map_v1",
	"helm_release", "local_file", "null_resource", "terraform_data", "github_repository_file",
]

deny contains {
	"msg": sprintf("Resource `%s` has %s (`%s`) in `%s`", [r.address, label, shown, sec.path_text(sub)]),
	"path": array.concat(r.path, sub),
} if {
	some type in searched_types
	some r in tf.resources_of(type)
	not secure_string(r)
	sec.may_hold_credentials(r.body)
	some [sub, s] in sec.strings_in(r.body)
	some [label, shown] in sec.credentials_in(s)
}

# The scanned types the document holds (configuration), or all of them (plans).
searched_types := [t | some t in scanned_types; input.resource[t]] if not is_object(input.planned_values)

else := scanned_types

# A SecureString parameter's value is judged by TG-SEC-002 (any literal there is a finding).
secure_string(r) if {
	r.type == "aws_ssm_parameter"
	r.body.type == "SecureString"
}
