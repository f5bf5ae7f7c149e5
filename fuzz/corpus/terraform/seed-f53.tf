resource "aws_sqs_queue" "jobs" { # expect: TG-AWS-SQS-001
  name                       = "jobs"
  visibility_timeout_seconds = 120
  message_retention_seconds  = 345600
}

resource "aws_sqs_queue" "jobs_dlq" {
  name                    = "jobs-dlq"
  sqs_managed_sse_enabled = false # expect: TG-AWS-SQS-001
}
