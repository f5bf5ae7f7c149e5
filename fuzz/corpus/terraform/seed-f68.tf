resource "azurerm_storage_account" "legacy" {
  name                      = "acmelegacyfiles"
  resource_group_name       = "rg-legacy"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  enable_https_traffic_only = true
  min_tls_version           = "TLS1_2"
}

resource "azurerm_storage_account" "media" {
  name                     = "acmemedia"
  resource_group_name      = "rg-media"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
