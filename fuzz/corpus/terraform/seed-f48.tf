resource "aws_security_group" "windows" {
  name   = "windows-jump"
  vpc_id = "vpc-0a1b2c3d4e5f67890"

  ingress {
    description = "RDP from the corporate VPN"
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["10.20.0.0/16"]
  }

  ingress {
    description     = "RDP from the bastion"
    from_port       = 3389
    to_port         = 3389
    protocol        = "tcp"
    security_groups = ["sg-0123456789abcdef0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.windows.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}
