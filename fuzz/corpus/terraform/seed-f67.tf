resource "azurerm_storage_account" "legacy" {
  name                      = "acmelegacyfiles"
  resource_group_name       = "rg-legacy"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  enable_https_traffic_only = false # expect: TG-AZU-ST-001
  min_tls_version           = "TLS1_2"
}

resource "azurerm_storage_account" "media" {
  name                       = "acmemedia"
  resource_group_name        = "rg-media"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "GRS"
  https_traffic_only_enabled = false # expect: TG-AZU-ST-001
}
