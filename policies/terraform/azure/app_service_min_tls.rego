# METADATA
# title: App Service allows TLS 1.0 / 1.1
# description: >-
#   A `minimum_tls_version` (or `scm_minimum_tls_version` for the Kudu deployment site) of `1.0` or
#   `1.1` lets clients connect with deprecated TLS versions that have known weaknesses and no modern
#   cipher suites. The provider default, TLS 1.2, is the minimum to require.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/app-service/overview-tls
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#minimum_tls_version
# custom:
#   id: TG-AZU-APP-002
#   severity: high
#   enforcement: block
#   remediation: |
#     Require TLS 1.2 or later on the app and on its SCM site (or remove the settings: 1.2 is the default):
#
#         site_config {
#           minimum_tls_version     = "1.2"
#           scm_minimum_tls_version = "1.2"
#         }
#   frameworks:
#     - CIS Microsoft Azure Foundations Benchmark v3.0.0 9.4
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_web_app_slot, azurerm_windows_web_app_slot, azurerm_linux_function_app, azurerm_windows_function_app, azurerm_linux_function_app_slot, azurerm_windows_function_app_slot, azurerm_function_app_flex_consumption, azurerm_logic_app_standard, azurerm_app_service, azurerm_app_service_slot, azurerm_function_app, azurerm_function_app_slot]
package tollgate.terraform.azure.app_service_min_tls

import data.tollgate.lib.terraform as tf
import rego.v1

app_types := {
	"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
	"azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_linux_function_app_slot",
	"azurerm_windows_function_app_slot", "azurerm_function_app_flex_consumption", "azurerm_logic_app_standard",
	"azurerm_app_service", "azurerm_app_service_slot", "azurerm_function_app", "azurerm_function_app_slot",
}

# azurerm 3.x+ web/function apps; legacy app services, function apps and logic apps.
tls_attributes := ["minimum_tls_version", "scm_minimum_tls_version", "min_tls_version", "scm_min_tls_version"]

weak_versions := {"1.0", "1.1"}

deny contains {
	"msg": sprintf("App `%s` accepts TLS %s (`%s = \"%s\"`)", [r.address, v, attr, v]),
	"path": array.concat(r.path, ["site_config", i, attr]),
} if {
	some type in app_types
	some r in tf.resources_of(type)
	is_array(r.body.site_config)
	some i, sc in r.body.site_config
	is_object(sc)
	some attr in tls_attributes
	v := version(sc[attr])
	v in weak_versions
}

# "1.0" as written; a number when the configuration wrote `1.0` without quotes.
version(v) := v if is_string(v)

version(v) := "1.0" if v == 1

version(v) := "1.1" if v == 1.1
