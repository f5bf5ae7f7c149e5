resource "azurerm_storage_account" "web" {
  name                            = "acmewebassets"
  resource_group_name             = "rg-web"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  min_tls_version                 = "TLS1_2"
  allow_nested_items_to_be_public = false
}

resource "azurerm_storage_container" "images" {
  name                  = "images"
  storage_account_name  = azurerm_storage_account.web.name
  container_access_type = "private"
}

resource "azurerm_storage_container" "downloads" {
  name                 = "downloads"
  storage_account_name = azurerm_storage_account.web.name
}
