resource "azurerm_mssql_firewall_rule" "everyone" {
  name             = "AllowAll"
  server_id        = azurerm_mssql_server.main.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255" # expect: TG-AZU-SQL-002
}

resource "azurerm_sql_firewall_rule" "legacy_all" {
  name                = "allow-all"
  resource_group_name = "rg-legacy"
  server_name         = "sql-acme-legacy"
  start_ip_address    = "0.0.0.0"
  end_ip_address      = "255.255.255.255" # expect: TG-AZU-SQL-002
}
