variable "master_password" {
  type      = string
  sensitive = true
}

resource "google_container_cluster" "legacy" {
  name               = "legacy"
  location           = "europe-west1"
  min_master_version = "1.15"
  initial_node_count = 3

  master_auth {
    username = "admin" # expect: TG-GCP-GKE-003
    password = var.master_password

    client_certificate_config {
      issue_client_certificate = false
    }
  }
}
