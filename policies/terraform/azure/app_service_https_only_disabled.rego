# METADATA
# title: App Service accepts plain HTTP
# description: >-
#   Without `https_only = true` (the provider default is false), a web app, function app or logic app
#   answers plain HTTP requests on its `azurewebsites.net` and custom domains: credentials, session
#   cookies and data can be read and modified in transit. With it, App Service redirects HTTP to HTTPS.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/app-service/configure-ssl-bindings#enforce-https
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#https_only
# custom:
#   id: TG-AZU-APP-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Redirect HTTP to HTTPS:
#
#         resource "azurerm_linux_web_app" "api" {
#           name                = "acme-api"
#           resource_group_name = azurerm_resource_group.main.name
#           location            = azurerm_resource_group.main.location
#           service_plan_id     = azurerm_service_plan.main.id
#           https_only          = true
#
#           site_config {}
#         }
#   frameworks:
#     - CIS Microsoft Azure Foundations Benchmark v3.0.0 9.1
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_web_app_slot, azurerm_windows_web_app_slot, azurerm_linux_function_app, azurerm_windows_function_app, azurerm_linux_function_app_slot, azurerm_windows_function_app_slot, azurerm_function_app_flex_consumption, azurerm_logic_app_standard, azurerm_app_service, azurerm_app_service_slot, azurerm_function_app, azurerm_function_app_slot]
package tollgate.terraform.azure.app_service_https_only_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

app_types := {
	"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
	"azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_linux_function_app_slot",
	"azurerm_windows_function_app_slot", "azurerm_function_app_flex_consumption", "azurerm_logic_app_standard",
	"azurerm_app_service", "azurerm_app_service_slot", "azurerm_function_app", "azurerm_function_app_slot",
}

deny contains {
	"msg": sprintf("App `%s` accepts plain HTTP (`https_only = false`)", [r.address]),
	"path": array.concat(r.path, ["https_only"]),
} if {
	some type in app_types
	some r in tf.resources_of(type)
	tf.is_false(r.body.https_only)
}

deny contains {
	"msg": sprintf("App `%s` accepts plain HTTP (`https_only` defaults to false)", [r.address]),
	"path": r.path,
} if {
	some type in app_types
	some r in tf.resources_of(type)
	unset(r, r.body, "https_only")
}

# Not set: absent from a configuration; in a plan, present as null (a plan leaves out values known
# only after apply, such as the email of a service account created in the same run).
unset(r, obj, attr) if {
	r.path[0] != "planned_values"
	object.get(obj, attr, null) == null
}

unset(r, obj, attr) if {
	r.path[0] == "planned_values"
	attr in object.keys(obj)
	obj[attr] == null
}
