resource "aws_instance" "web" { # expect: TG-AWS-EC2-005
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "m7g.large"

  metadata_options {
    http_tokens = "required"
  }

  root_block_device { # expect: TG-AWS-EC2-005
    volume_size = 50
    volume_type = "gp3"
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 200
    encrypted   = false # expect: TG-AWS-EC2-005
  }
}

resource "aws_launch_template" "workers" {
  name_prefix = "workers-"
  image_id    = "ami-0123456789abcdef0"

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs { # expect: TG-AWS-EC2-005
      volume_size = 30
      volume_type = "gp3"
    }
  }
}
