resource "azurerm_mssql_server" "app" { # expect: TG-AZU-SQL-001
  name                         = "sql-acme-app"
  resource_group_name          = "rg-app"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_admin_password
  minimum_tls_version          = "1.2"
}

resource "azurerm_mssql_server" "reporting" {
  name                          = "sql-acme-reporting"
  resource_group_name           = "rg-reporting"
  location                      = "westeurope"
  version                       = "12.0"
  minimum_tls_version           = "1.2"
  public_network_access_enabled = true # expect: TG-AZU-SQL-001

  azuread_administrator {
    login_username              = "sql-admins"
    object_id                   = "00000000-0000-0000-0000-000000000000"
    azuread_authentication_only = true
  }
}

resource "azurerm_sql_server" "legacy" { # expect: TG-AZU-SQL-001
  name                         = "sql-acme-legacy"
  resource_group_name          = "rg-legacy"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_admin_password
}
