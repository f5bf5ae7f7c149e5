# METADATA
# title: Storage allows anonymous public read access to blobs
# description: >-
#   A storage account that allows nested items to be public lets any container be switched to anonymous
#   access, and a container with access type `blob` or `container` serves its blobs (and, for
#   `container`, the blob listing) to anyone on the internet without authentication.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#allow_nested_items_to_be_public
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_container#container_access_type
# custom:
#   id: TG-AZU-ST-003
#   severity: high
#   enforcement: block
#   remediation: |
#     Disallow anonymous access on the account and keep containers private; share blobs with SAS tokens
#     or Entra ID roles instead:
#
#         resource "azurerm_storage_account" "data" {
#           # ...
#           allow_nested_items_to_be_public = false   # `allow_blob_public_access` before azurerm 3.0
#         }
#
#         resource "azurerm_storage_container" "reports" {
#           name                  = "reports"
#           storage_account_id    = azurerm_storage_account.data.id
#           container_access_type = "private"
#         }
#   frameworks:
#     - CIS Microsoft Azure Foundations Benchmark v3.0.0 4.17
#   resource_types: [azurerm_storage_account, azurerm_storage_container]
package tollgate.terraform.azure.storage_public_blob_access

import data.tollgate.lib.terraform as tf
import rego.v1

# azurerm 3.x/4.x name, azurerm 2.x name.
account_attributes := ["allow_nested_items_to_be_public", "allow_blob_public_access"]

public_access_types := {"blob", "container"}

deny contains {
	"msg": sprintf("Storage account `%s` lets its containers allow anonymous public access (`%s = true`)", [r.address, attr]),
	"path": array.concat(r.path, [attr]),
} if {
	some r in tf.resources_of("azurerm_storage_account")
	some attr in account_attributes
	tf.is_true(r.body[attr])
}

deny contains {
	"msg": sprintf("Storage container `%s` allows anonymous public read access (`container_access_type = \"%s\"`)", [r.address, t]),
	"path": array.concat(r.path, ["container_access_type"]),
} if {
	some r in tf.resources_of("azurerm_storage_container")
	t := r.body.container_access_type
	is_string(t)
	lower(t) in public_access_types
}
