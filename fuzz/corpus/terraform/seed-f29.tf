resource "aws_db_instance" "reporting" {
  identifier          = "reporting"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  username            = "reporting"
  storage_encrypted   = true
  publicly_accessible = true # expect: TG-AWS-RDS-001
}

resource "aws_rds_cluster_instance" "analytics" {
  identifier          = "analytics-1"
  cluster_identifier  = "analytics"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = true # expect: TG-AWS-RDS-001
}
