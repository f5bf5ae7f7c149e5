resource "azurerm_storage_account" "backups" {
  name                     = "acmebackups"
  resource_group_name      = "rg-backup"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_2"
}

resource "azurerm_storage_account" "exports" {
  name                     = "acmeexports"
  resource_group_name      = "rg-exports"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
