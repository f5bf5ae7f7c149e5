resource "aws_iam_policy" "ci_admin" {
  name = "ci-admin"
  policy = jsonencode({ # expect: TG-AWS-IAM-001
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy" "ops" {
  name   = "ops"
  role   = "ops"
  policy = jsonencode({ # expect: TG-AWS-IAM-001
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ec2:*"], Resource = "*" },
      { Effect = "Allow", Action = ["*:*"], Resource = ["*"] },
    ]
  })
}

data "aws_iam_policy_document" "break_glass" {
  statement {
    sid       = "ReadOnlyListing"
    actions   = ["s3:ListAllMyBuckets"]
    resources = ["*"]
  }

  statement { # expect: TG-AWS-IAM-001
    sid       = "Everything"
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_user_policy" "break_glass" {
  name   = "break-glass"
  user   = "break-glass"
  policy = data.aws_iam_policy_document.break_glass.json
}
