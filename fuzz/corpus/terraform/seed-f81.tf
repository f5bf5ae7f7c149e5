resource "google_storage_bucket" "assets" {
  name                        = "acme-public-assets"
  location                    = "EU"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "public_read" {
  bucket = google_storage_bucket.assets.name
  role   = "roles/storage.objectViewer"
  member = "allUsers" # expect: TG-GCP-GCS-001
}

resource "google_storage_bucket_iam_binding" "viewers" {
  bucket  = google_storage_bucket.assets.name
  role    = "roles/storage.legacyObjectReader"
  members = ["group:web@acme.example", "allAuthenticatedUsers"] # expect: TG-GCP-GCS-001
}

data "google_iam_policy" "downloads" {
  binding {
    role    = "roles/storage.objectViewer"
    members = ["allUsers"] # expect: TG-GCP-GCS-001
  }
}

resource "google_storage_bucket_iam_policy" "downloads" {
  bucket      = "acme-downloads"
  policy_data = data.google_iam_policy.downloads.policy_data
}

resource "google_storage_bucket_acl" "legacy" {
  bucket      = "acme-legacy-site"
  role_entity = ["OWNER:project-owners-123456", "READER:allUsers"] # expect: TG-GCP-GCS-001
}

resource "google_storage_default_object_acl" "legacy" {
  bucket = "acme-legacy-site"
  role_entity = [ # expect: TG-GCP-GCS-001
    "OWNER:project-owners-123456",
    "READER:allUsers",
  ]
}
