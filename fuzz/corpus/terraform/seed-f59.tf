resource "azurerm_network_security_group" "windows" {
  name                = "nsg-windows"
  location            = "westeurope"
  resource_group_name = "rg-apps"

  security_rule {
    name                       = "allow-rdp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "3389"
    source_address_prefix      = "Internet" # expect: TG-AZU-NET-002
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "any" {
  name                        = "allow-any-inbound"
  priority                    = 4000
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefixes     = ["10.0.0.0/8", "0.0.0.0/0"] # expect: TG-AZU-NET-002
  destination_address_prefix  = "*"
  resource_group_name         = "rg-apps"
  network_security_group_name = "nsg-legacy"
}
