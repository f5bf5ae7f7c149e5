variable "project" {
  type    = string
  default = "demo"
}

variable "vpc_id" {
  type = string
}

variable "ssh_cidrs" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

variable "db_password" {
  type      = string
  sensitive = true
}

locals {
  db_public = true
}
