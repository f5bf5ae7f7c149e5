resource "aws_kms_key" "sqs" {
  description         = "SQS messages"
  enable_key_rotation = true
}

resource "aws_sqs_queue" "jobs" {
  name                              = "jobs"
  visibility_timeout_seconds        = 120
  kms_master_key_id                 = aws_kms_key.sqs.arn
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_sqs_queue" "jobs_dlq" {
  name                    = "jobs-dlq"
  sqs_managed_sse_enabled = true
}
