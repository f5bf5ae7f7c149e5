resource "google_storage_bucket" "logs" {
  name                        = "acme-access-logs"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }
}

resource "google_storage_bucket" "uploads" {
  name                        = "acme-user-uploads"
  location                    = "EU"
  uniform_bucket_level_access = var.uniform_access
}
