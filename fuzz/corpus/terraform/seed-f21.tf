resource "aws_instance" "web" { # expect: TG-AWS-EC2-006
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"

  root_block_device {
    encrypted = true
  }
}

resource "aws_instance" "batch" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "c7g.large"

  root_block_device {
    encrypted = true
  }

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional" # expect: TG-AWS-EC2-006
  }
}

resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"
  image_id    = "ami-0123456789abcdef0"

  metadata_options { # expect: TG-AWS-EC2-006
    http_endpoint               = "enabled"
    http_put_response_hop_limit = 2
  }
}
