# METADATA
# title: App Service remote debugging enabled
# description: >-
#   `remote_debugging_enabled = true` opens the Visual Studio remote debugger ports of the app. Access is
#   authenticated with the publishing credentials, but it widens the attack surface of production and lets
#   whoever holds those credentials attach to the process and read its memory. Enable it temporarily while
#   debugging, never in the configuration.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/app-service/configure-common#configure-general-settings
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#remote_debugging_enabled
# custom:
#   id: TG-AZU-APP-004
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Remove `remote_debugging_enabled` (it defaults to false):
#
#         site_config {
#           remote_debugging_enabled = false
#         }
#   frameworks:
#     - CIS Microsoft Azure Foundations Benchmark v3.0.0 9.12
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_web_app_slot, azurerm_windows_web_app_slot, azurerm_linux_function_app, azurerm_windows_function_app, azurerm_linux_function_app_slot, azurerm_windows_function_app_slot, azurerm_function_app_flex_consumption, azurerm_logic_app_standard, azurerm_app_service, azurerm_app_service_slot, azurerm_function_app, azurerm_function_app_slot]
package tollgate.terraform.azure.app_service_remote_debugging

import data.tollgate.lib.terraform as tf
import rego.v1

app_types := {
	"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
	"azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_linux_function_app_slot",
	"azurerm_windows_function_app_slot", "azurerm_function_app_flex_consumption", "azurerm_logic_app_standard",
	"azurerm_app_service", "azurerm_app_service_slot", "azurerm_function_app", "azurerm_function_app_slot",
}

warn contains {
	"msg": sprintf("App `%s` enables remote debugging", [r.address]),
	"path": array.concat(r.path, ["site_config", i, "remote_debugging_enabled"]),
} if {
	some type in app_types
	some r in tf.resources_of(type)
	is_array(r.body.site_config)
	some i, sc in r.body.site_config
	is_object(sc)
	tf.is_true(sc.remote_debugging_enabled)
}
