resource "aws_ebs_volume" "data" { # expect: TG-AWS-EC2-004
  availability_zone = "eu-west-1a"
  size              = 200
  type              = "gp3"

  tags = {
    Name = "data"
  }
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1b"
  size              = 50
  encrypted         = false # expect: TG-AWS-EC2-004
}
