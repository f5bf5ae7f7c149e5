resource "aws_s3_bucket" "customer_data" { # expect: TG-AWS-S3-006
  bucket = "acme-customer-data"
}

resource "aws_s3_bucket" "backups" { # expect: TG-AWS-S3-006
  bucket = "acme-backups"

  tags = {
    Environment = "prod"
  }
}
