resource "aws_kms_key" "app" { # expect: TG-AWS-KMS-001
  description             = "application data"
  deletion_window_in_days = 30
}

resource "aws_kms_key" "backups" {
  description              = "backup encryption"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  enable_key_rotation      = false # expect: TG-AWS-KMS-001
}
