resource "azurerm_network_security_group" "windows" {
  name                = "nsg-windows"
  location            = "westeurope"
  resource_group_name = "rg-apps"

  security_rule {
    name                       = "allow-rdp-from-bastion"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3389"
    source_address_prefix      = "10.10.255.0/26"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "deny-rdp-internet"
    priority                   = 200
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "3389"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}
