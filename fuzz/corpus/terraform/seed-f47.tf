resource "aws_security_group" "windows" {
  name   = "windows-jump"
  vpc_id = "vpc-0a1b2c3d4e5f67890"

  ingress {
    description      = "RDP"
    from_port        = 3389
    to_port          = 3389
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"] # expect: TG-AWS-EC2-002
    ipv6_cidr_blocks = ["::/0"]      # expect: TG-AWS-EC2-002
  }
}

resource "aws_security_group_rule" "rdp_udp" {
  type              = "ingress"
  from_port         = 3389
  to_port           = 3389
  protocol          = "udp"
  cidr_blocks       = ["0.0.0.0/0"] # expect: TG-AWS-EC2-002
  security_group_id = aws_security_group.windows.id
}

resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = aws_security_group.windows.id
  cidr_ipv6         = "::/0" # expect: TG-AWS-EC2-002
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
}
