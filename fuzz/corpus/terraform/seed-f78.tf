resource "google_compute_firewall" "rdp_from_iap" {
  name          = "allow-rdp-from-iap"
  network       = "projects/acme-prod/global/networks/main"
  direction     = "INGRESS"
  source_ranges = ["35.235.240.0/20"]
  target_tags   = ["windows"]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}

resource "google_compute_firewall" "internal" {
  name          = "allow-internal"
  network       = "projects/acme-prod/global/networks/main"
  source_ranges = ["10.128.0.0/9"]

  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "block_rdp" {
  name          = "deny-rdp"
  network       = "projects/acme-prod/global/networks/main"
  priority      = 100
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "tcp"
    ports    = ["3389"]
  }
}
