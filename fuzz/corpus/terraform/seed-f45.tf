resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = "vpc-0a1b2c3d4e5f67890"

  ingress {
    description = "everything"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"] # expect: TG-AWS-EC2-003
  }
}

resource "aws_security_group_rule" "tcp_all" {
  type              = "ingress"
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"] # expect: TG-AWS-EC2-003
  security_group_id = aws_security_group.app.id
}

resource "aws_vpc_security_group_ingress_rule" "any_v6" {
  security_group_id = aws_security_group.app.id
  cidr_ipv6         = "::/0" # expect: TG-AWS-EC2-003
  ip_protocol       = "-1"
}
