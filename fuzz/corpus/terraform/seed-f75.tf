resource "google_sql_database_instance" "orders" {
  name             = "orders"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.main.id
      ssl_mode        = "ALLOW_UNENCRYPTED_AND_ENCRYPTED" # expect: TG-GCP-SQL-002
    }
  }
}

resource "google_sql_database_instance" "legacy" {
  name             = "legacy-mysql"
  database_version = "MYSQL_5_7"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-1"

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.main.id
      require_ssl     = false # expect: TG-GCP-SQL-002
    }
  }
}

resource "google_sql_database_instance" "analytics" {
  name             = "analytics"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-4-15360"

    ip_configuration { # expect: TG-GCP-SQL-002
      ipv4_enabled    = false
      private_network = google_compute_network.main.id
    }
  }
}
