resource "aws_db_instance" "billing" {
  identifier                  = "billing"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 50
  username                    = "billing"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 14
  backup_window               = "03:00-04:00"
}

resource "aws_db_instance" "billing_replica" {
  identifier              = "billing-replica"
  replicate_source_db     = aws_db_instance.billing.identifier
  instance_class          = "db.t4g.medium"
  backup_retention_period = 0
}
