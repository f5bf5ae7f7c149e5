resource "azurerm_kubernetes_cluster" "prod" {
  name                              = "aks-prod"
  location                          = "westeurope"
  resource_group_name               = "rg-prod"
  dns_prefix                        = "aks-prod"
  role_based_access_control_enabled = true

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
