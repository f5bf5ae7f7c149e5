resource "aws_sns_topic" "alerts" { # expect: TG-AWS-SNS-001
  name = "alerts"
}

resource "aws_sns_topic" "orders" { # expect: TG-AWS-SNS-001
  name                        = "orders.fifo"
  fifo_topic                  = true
  content_based_deduplication = true
}
