resource "azurerm_storage_account" "backups" {
  name                     = "acmebackups"
  resource_group_name      = "rg-backup"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_0" # expect: TG-AZU-ST-002
}

resource "azurerm_storage_account" "exports" {
  name                     = "acmeexports"
  resource_group_name      = "rg-exports"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = "TLS1_1" # expect: TG-AZU-ST-002
}
