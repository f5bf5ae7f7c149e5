resource "aws_s3_bucket" "uploads" { # expect: TG-AWS-S3-003
  bucket = "acme-user-uploads"
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

resource "aws_s3_bucket_public_access_block" "reports" {
  bucket = aws_s3_bucket.reports.id

  block_public_acls       = true
  block_public_policy     = false # expect: TG-AWS-S3-003
  ignore_public_acls      = true
  restrict_public_buckets = false # expect: TG-AWS-S3-003
}

resource "aws_s3_bucket" "exports" {
  bucket = "acme-exports"
}

resource "aws_s3_bucket_public_access_block" "exports" { # expect: TG-AWS-S3-003
  bucket = "acme-exports"

  block_public_acls   = true
  block_public_policy = true
}
