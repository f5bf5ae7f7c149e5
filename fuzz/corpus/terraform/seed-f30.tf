resource "aws_db_subnet_group" "private" {
  name       = "private"
  subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_db_instance" "reporting" {
  identifier                  = "reporting"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 50
  username                    = "reporting"
  manage_master_user_password = true
  storage_encrypted           = true
  publicly_accessible         = false
  db_subnet_group_name        = aws_db_subnet_group.private.name
}

resource "aws_rds_cluster_instance" "analytics" {
  identifier         = "analytics-1"
  cluster_identifier = "analytics"
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}
