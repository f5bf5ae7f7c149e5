# METADATA
# title: Redis cache non-TLS port enabled
# description: >-
#   Enabling the non-SSL port (6379) of an Azure Cache for Redis lets clients connect without TLS: the
#   access key, sent with `AUTH`, and every cached value cross the network in clear text. The port is
#   disabled by default; clients should use the TLS port 6380.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-configure#access-ports
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/redis_cache#non_ssl_port_enabled
# custom:
#   id: TG-AZU-REDIS-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Remove the setting (the non-TLS port is disabled by default) and connect on port 6380 with TLS:
#
#         resource "azurerm_redis_cache" "sessions" {
#           name                 = "acme-sessions"
#           location             = azurerm_resource_group.main.location
#           resource_group_name  = azurerm_resource_group.main.name
#           capacity             = 1
#           family               = "C"
#           sku_name             = "Standard"
#           non_ssl_port_enabled = false
#           minimum_tls_version  = "1.2"
#         }
#   frameworks:
#     - Microsoft cloud security benchmark DP-3
#   resource_types: [azurerm_redis_cache]
package tollgate.terraform.azure.redis_non_ssl_port

import data.tollgate.lib.terraform as tf
import rego.v1

# azurerm 3.x name, azurerm 4.x name.
attributes := ["enable_non_ssl_port", "non_ssl_port_enabled"]

deny contains {
	"msg": sprintf("Redis cache `%s` accepts unencrypted connections on port 6379 (`%s = true`)", [r.address, attr]),
	"path": array.concat(r.path, [attr]),
} if {
	some r in tf.resources_of("azurerm_redis_cache")
	some attr in attributes
	tf.is_true(r.body[attr])
}
