resource "google_compute_firewall" "rdp" {
  name          = "allow-rdp"
  network       = "projects/acme-prod/global/networks/main"
  direction     = "INGRESS"
  source_ranges = ["0.0.0.0/0"] # expect: TG-GCP-NET-002
  target_tags   = ["windows"]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}

resource "google_compute_firewall" "legacy_any" {
  name          = "legacy-allow-all"
  network       = "projects/acme-prod/global/networks/legacy"
  source_ranges = ["10.0.0.0/8", "0.0.0.0/0"] # expect: TG-GCP-NET-002

  allow {
    protocol = "all"
  }
}
