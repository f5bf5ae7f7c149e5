resource "aws_cloudtrail" "main" { # expect: TG-AWS-CT-002
  name                  = "main"
  s3_bucket_name        = "acme-cloudtrail"
  is_multi_region_trail = true
  kms_key_id            = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_cloudtrail" "org" {
  name                       = "org"
  s3_bucket_name             = "acme-org-cloudtrail"
  is_multi_region_trail      = true
  is_organization_trail      = true
  enable_log_file_validation = false # expect: TG-AWS-CT-002
  kms_key_id                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
