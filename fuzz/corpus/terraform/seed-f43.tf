resource "aws_s3_bucket" "state" { # expect: TG-AWS-S3-005
  bucket = "acme-terraform-state"
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy-backups"

  versioning {
    enabled = false # expect: TG-AWS-S3-005
  }
}

resource "aws_s3_bucket" "media" {
  bucket = "acme-media"
}

resource "aws_s3_bucket_versioning" "media" {
  bucket = aws_s3_bucket.media.id

  versioning_configuration {
    status = "Suspended" # expect: TG-AWS-S3-005
  }
}
