resource "aws_s3_bucket" "assets" {
  bucket = "${var.project}-assets"
  acl    = "public-read"
}

resource "aws_security_group" "bastion" {
  name        = "${var.project}-bastion"
  description = "SSH access"
  vpc_id      = var.vpc_id

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.ssh_cidrs
  }
}

resource "aws_db_instance" "app" {
  identifier          = "${var.project}-db"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  password            = var.db_password
  publicly_accessible = local.db_public
  storage_encrypted   = true
}
