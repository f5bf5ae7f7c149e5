resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-access-logs"
}

resource "aws_s3_bucket" "customer_data" {
  bucket = "acme-customer-data"
}

resource "aws_s3_bucket_logging" "customer_data" {
  bucket        = aws_s3_bucket.customer_data.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "customer-data/"
}

resource "aws_s3_bucket" "backups" {
  bucket = "acme-backups"

  logging {
    target_bucket = "acme-access-logs"
    target_prefix = "backups/"
  }
}
