resource "azurerm_network_security_group" "jumpbox" {
  name                = "nsg-jumpbox"
  location            = "westeurope"
  resource_group_name = "rg-ops"

  security_rule {
    name                       = "allow-ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*" # expect: TG-AZU-NET-001
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "mgmt" {
  name                        = "allow-mgmt"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["22", "443", "8443"]
  source_address_prefix       = "Internet" # expect: TG-AZU-NET-001
  destination_address_prefix  = "VirtualNetwork"
  resource_group_name         = "rg-ops"
  network_security_group_name = "nsg-mgmt"
}
