# METADATA
# title: App Service allows plain FTP deployments
# description: >-
#   `ftps_state = "AllAllowed"` accepts deployments over unencrypted FTP: the publishing credentials and
#   the deployed code cross the network in clear text, and anyone who captures them can replace the
#   application. The legacy `azurerm_function_app` and `azurerm_logic_app_standard` default to
#   `AllAllowed` when `ftps_state` is not set; the other app resources default to `Disabled`.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/app-service/deploy-ftp#enforce-ftps
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#ftps_state
# custom:
#   id: TG-AZU-APP-003
#   severity: medium
#   enforcement: block
#   remediation: |
#     Disable FTP (deploy with zip deploy, GitHub Actions or a pipeline), or require FTPS:
#
#         site_config {
#           ftps_state = "Disabled"   # or "FtpsOnly"
#         }
#   frameworks:
#     - CIS Microsoft Azure Foundations Benchmark v3.0.0 9.3
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_web_app_slot, azurerm_windows_web_app_slot, azurerm_linux_function_app, azurerm_windows_function_app, azurerm_linux_function_app_slot, azurerm_windows_function_app_slot, azurerm_function_app_flex_consumption, azurerm_logic_app_standard, azurerm_app_service, azurerm_app_service_slot, azurerm_function_app, azurerm_function_app_slot]
package tollgate.terraform.azure.app_service_ftp_allowed

import data.tollgate.lib.terraform as tf
import rego.v1

app_types := {
	"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
	"azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_linux_function_app_slot",
	"azurerm_windows_function_app_slot", "azurerm_function_app_flex_consumption", "azurerm_logic_app_standard",
	"azurerm_app_service", "azurerm_app_service_slot", "azurerm_function_app", "azurerm_function_app_slot",
}

# Types whose ftps_state defaults to AllAllowed.
all_allowed_by_default := {"azurerm_function_app", "azurerm_logic_app_standard"}

deny contains {
	"msg": sprintf("App `%s` accepts unencrypted FTP deployments (`ftps_state = \"AllAllowed\"`)", [r.address]),
	"path": array.concat(r.path, ["site_config", i, "ftps_state"]),
} if {
	some type in app_types
	some r in tf.resources_of(type)
	is_array(r.body.site_config)
	some i, sc in r.body.site_config
	is_object(sc)
	is_string(sc.ftps_state)
	lower(sc.ftps_state) == "allallowed"
}

# Configuration only: a plan shows the default value, judged by the rule above.
deny contains {
	"msg": sprintf("App `%s` accepts unencrypted FTP deployments (`ftps_state` defaults to `AllAllowed`)", [r.address]),
	"path": p,
} if {
	some type in all_allowed_by_default
	some r in tf.resources_of(type)
	r.path[0] != "planned_values"
	not ftps_state_set(r.body)
	not generated_site_config(r.body)
	p := default_path(r)
}

ftps_state_set(body) if {
	some sc in tf.blocks(body, "site_config")
	object.get(sc, "ftps_state", null) != null
}

generated_site_config(body) if body.dynamic.site_config

generated_site_config(body) if tf.is_unknown(body.site_config)

# The site_config block when there is one, else the resource.
default_path(r) := array.concat(r.path, ["site_config", 0]) if {
	is_array(r.body.site_config)
	count(r.body.site_config) > 0
}

else := r.path
