resource "google_sql_database_instance" "reporting" {
  name             = "reporting"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled = true # expect: TG-GCP-SQL-001
      ssl_mode     = "ENCRYPTED_ONLY"
    }
  }
}

resource "google_sql_database_instance" "legacy" {
  name             = "legacy-mysql"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-1"

    ip_configuration {
      ipv4_enabled = true
      require_ssl  = true

      authorized_networks {
        name  = "office"
        value = "203.0.113.0/24"
      }

      authorized_networks {
        name  = "everyone"
        value = "0.0.0.0/0" # expect: TG-GCP-SQL-001
      }
    }
  }
}

resource "google_sql_database_instance" "scratch" {
  name             = "scratch"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings { # expect: TG-GCP-SQL-001
    tier = "db-f1-micro"
  }
}
