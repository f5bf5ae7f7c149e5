resource "azurerm_mssql_server" "app" {
  name                          = "sql-acme-app"
  resource_group_name           = "rg-app"
  location                      = "westeurope"
  version                       = "12.0"
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false

  azuread_administrator {
    login_username              = "sql-admins"
    object_id                   = "00000000-0000-0000-0000-000000000000"
    azuread_authentication_only = true
  }
}

resource "azurerm_private_endpoint" "sql" {
  name                = "pe-sql-acme-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  subnet_id           = azurerm_subnet.endpoints.id

  private_service_connection {
    name                           = "sql"
    private_connection_resource_id = azurerm_mssql_server.app.id
    subresource_names              = ["sqlServer"]
    is_manual_connection           = false
  }
}
