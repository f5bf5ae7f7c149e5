data "azurerm_client_config" "current" {}

resource "azurerm_key_vault" "app" { # expect: TG-AZU-KV-001
  name                       = "kv-acme-app"
  location                   = "westeurope"
  resource_group_name        = "rg-app"
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  soft_delete_retention_days = 7
}

resource "azurerm_key_vault" "cmk" {
  name                       = "kv-acme-cmk"
  location                   = "westeurope"
  resource_group_name        = "rg-data"
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "premium"
  soft_delete_retention_days = 90
  purge_protection_enabled   = false # expect: TG-AZU-KV-001
}
