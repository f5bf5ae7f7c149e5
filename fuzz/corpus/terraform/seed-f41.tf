resource "aws_s3_bucket" "invoices" { # expect: TG-AWS-S3-004
  bucket = "acme-invoices"

  tags = {
    team = "billing"
  }
}

resource "aws_s3_bucket" "exports" { # expect: TG-AWS-S3-004
  bucket = "acme-exports"
}

resource "aws_s3_bucket" "archive" {
  bucket = "acme-archive"
}

# Encrypts the archive bucket only.
resource "aws_s3_bucket_server_side_encryption_configuration" "archive" {
  bucket = aws_s3_bucket.archive.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
