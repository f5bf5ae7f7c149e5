resource "aws_cloudtrail" "main" { # expect: TG-AWS-CT-003
  name                          = "main"
  s3_bucket_name                = "acme-cloudtrail"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
}
