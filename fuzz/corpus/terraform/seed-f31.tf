resource "aws_db_instance" "orders" { # expect: TG-AWS-RDS-002
  identifier                  = "orders"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.m7g.large"
  allocated_storage           = 100
  username                    = "orders"
  manage_master_user_password = true
}

resource "aws_db_instance" "legacy" {
  identifier                  = "legacy"
  engine                      = "mysql"
  instance_class              = "db.t3.medium"
  allocated_storage           = 20
  username                    = "legacy"
  manage_master_user_password = true
  storage_encrypted           = false # expect: TG-AWS-RDS-002
}

resource "aws_rds_cluster" "analytics" { # expect: TG-AWS-RDS-002
  cluster_identifier          = "analytics"
  engine                      = "aurora-postgresql"
  engine_mode                 = "provisioned"
  master_username             = "analytics"
  manage_master_user_password = true

  serverlessv2_scaling_configuration {
    min_capacity = 0.5
    max_capacity = 8
  }
}
