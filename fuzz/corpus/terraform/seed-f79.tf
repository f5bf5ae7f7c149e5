resource "google_compute_network" "main" {
  name                    = "main"
  auto_create_subnetworks = false
}

resource "google_compute_firewall" "ssh" {
  name          = "allow-ssh"
  network       = google_compute_network.main.name
  source_ranges = ["0.0.0.0/0"] # expect: TG-GCP-NET-001
  target_tags   = ["bastion"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "admin" {
  name      = "allow-admin-ports"
  network   = google_compute_network.main.name
  direction = "INGRESS"
  priority  = 900

  source_ranges = [ # expect: TG-GCP-NET-001
    "0.0.0.0/0",
    "::/0",
  ]

  allow {
    protocol = "icmp"
  }

  allow {
    protocol = "tcp"
    ports    = ["20-25", "8080"]
  }
}
