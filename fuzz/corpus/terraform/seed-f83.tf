resource "google_storage_bucket" "logs" { # expect: TG-GCP-GCS-002
  name          = "acme-access-logs"
  location      = "EU"
  force_destroy = false

  versioning {
    enabled = true
  }
}

resource "google_storage_bucket" "uploads" {
  name                        = "acme-user-uploads"
  location                    = "EU"
  uniform_bucket_level_access = false # expect: TG-GCP-GCS-002
  public_access_prevention    = "enforced"
}
