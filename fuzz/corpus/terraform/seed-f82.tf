resource "google_storage_bucket" "assets" {
  name                        = "acme-assets"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket_iam_member" "app_read" {
  bucket = google_storage_bucket.assets.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.app.email}"
}

resource "google_storage_bucket_iam_binding" "viewers" {
  bucket  = google_storage_bucket.assets.name
  role    = "roles/storage.objectViewer"
  members = ["group:web@acme.example", var.extra_reader]
}

data "google_iam_policy" "downloads" {
  binding {
    role    = "roles/storage.objectAdmin"
    members = ["group:release@acme.example"]
  }
}

resource "google_storage_bucket_iam_policy" "downloads" {
  bucket      = "acme-downloads"
  policy_data = data.google_iam_policy.downloads.policy_data
}

resource "google_storage_bucket_acl" "legacy" {
  bucket      = "acme-legacy-site"
  role_entity = ["OWNER:project-owners-123456", "READER:group-web@acme.example"]
}
