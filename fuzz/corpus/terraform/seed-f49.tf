resource "aws_security_group" "bastion" {
  name   = "bastion"
  vpc_id = "vpc-0a1b2c3d4e5f67890"

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: TG-AWS-EC2-001
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "admin_ports" {
  type              = "ingress"
  from_port         = 20
  to_port           = 25
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"] # expect: TG-AWS-EC2-001
  security_group_id = aws_security_group.bastion.id
}

resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.bastion.id
  cidr_ipv4         = "0.0.0.0/0" # expect: TG-AWS-EC2-001
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}
