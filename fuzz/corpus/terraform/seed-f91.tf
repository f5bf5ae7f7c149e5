resource "google_container_cluster" "dev" { # expect: TG-GCP-GKE-002
  name                     = "dev"
  location                 = "europe-west1-b"
  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_container_cluster" "staging" {
  name               = "staging"
  location           = "europe-west1"
  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes    = false # expect: TG-GCP-GKE-002
    enable_private_endpoint = false
  }
}
