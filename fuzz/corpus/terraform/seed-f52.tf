resource "aws_kms_key" "sns" {
  description         = "SNS topics"
  enable_key_rotation = true
}

resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = aws_kms_key.sns.id
}

resource "aws_sns_topic" "notifications" {
  name              = "notifications"
  kms_master_key_id = "alias/aws/sns"
}
