resource "azurerm_kubernetes_cluster" "dev" {
  name                              = "aks-dev"
  location                          = "westeurope"
  resource_group_name               = "rg-dev"
  dns_prefix                        = "aks-dev"
  role_based_access_control_enabled = false # expect: TG-AZU-AKS-001

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "legacy" {
  name                = "aks-legacy"
  location            = "westeurope"
  resource_group_name = "rg-legacy"
  dns_prefix          = "aks-legacy"

  default_node_pool {
    name       = "default"
    node_count = 3
    vm_size    = "Standard_DS2_v2"
  }

  role_based_access_control {
    enabled = false # expect: TG-AZU-AKS-001
  }

  identity {
    type = "SystemAssigned"
  }
}
