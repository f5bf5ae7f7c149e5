#!/usr/bin/env python3
"""Generate a realistic mixed Terraform + Kubernetes repository for benchmarking tollgate.

Usage: scripts/gen-corpus.py N DIR [--seed S]

Writes exactly N files under DIR (which must not exist or be empty):

* half Terraform, in module directories of ~20 files each (`infra/<env>/<module>/`): `versions.tf`,
  `variables.tf` with defaults, `locals.tf`, `terraform.tfvars`, `outputs.tf`, and resource files: S3 buckets
  with companion resources (encryption, versioning, public access block, logging, policy), security groups
  (sometimes SSH/RDP open to the world), IAM policies written with `jsonencode`, heredocs and
  `aws_iam_policy_document`, RDS, EC2 instances and launch templates with `metadata_options`, EKS clusters,
  KMS keys, SQS/SNS, DynamoDB, CloudTrail, ALB listeners. Some compliant, some not.
* half Kubernetes YAML (`k8s/<team>/<app>/`): Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods,
  Services, Ingresses, ServiceAccounts, ConfigMaps, RBAC Roles/ClusterRoles and their bindings;
  ~1.5 documents per file on average (multi-document files, some `kind: List`).

With `--shape real` (the default) the corpus has the shape measured on public repositories
(terraform-aws-modules, kube-prometheus, ingress-nginx), which the first generator lacked:

* shared local modules (`infra/modules/<name>/`, 8 files each: typed variables with `optional()`
  defaults, resources repeated by `count`/`for_each`, `dynamic` blocks, `try()`) called by a third of the
  module directories, each call with `for_each` over 2-4 keys: their files are judged once per instance,
  so Terraform documents outnumber Terraform files as they do in real repositories (2.5-8 per file there);
* manifests with more documents per file (a workload with its Service, ServiceAccount, ConfigMap and
  RBAC, as charts and kustomize outputs are written), containers with env vars named like credentials.

`--shape classic` writes the corpus of the earlier benchmark figures.

Python 3 standard library only. The output depends only on N, the shape and the seed (default
20241126): the same arguments always give byte-identical files.
"""

import argparse
import os
import random
import sys

SEED = 20241126

ENVS = ["prod", "staging", "dev", "sandbox", "shared"]
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]
WORDS = [
    "billing", "checkout", "catalog", "search", "ledger", "identity", "payments", "reports", "media",
    "orders", "inventory", "notify", "analytics", "gateway", "profile", "audit", "export", "ingest",
    "pricing", "shipping", "reviews", "loyalty", "fraud", "tax", "support", "portal", "metrics", "events",
]
TEAMS = ["platform", "commerce", "data", "identity", "growth", "infra", "mobile", "ml", "security", "ops"]
IMAGES = [
    "nginx", "redis", "postgres", "busybox", "envoyproxy/envoy", "grafana/grafana", "prom/prometheus",
    "ghcr.io/acme/api", "ghcr.io/acme/worker", "ghcr.io/acme/web", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app",
    "quay.io/jetstack/cert-manager-controller", "docker.io/bitnami/kafka", "registry.k8s.io/pause",
]


def word(rng):
    return rng.choice(WORDS)


def chance(rng, p):
    return rng.random() < p


# --------------------------------------------------------------------------------------------------
# Terraform
# --------------------------------------------------------------------------------------------------


def tf_versions(rng, ctx):
    return f'''terraform {{
  required_version = ">= 1.5.0"

  required_providers {{
    aws = {{
      source  = "hashicorp/aws"
      version = "~> 5.{rng.randint(10, 70)}"
    }}
  }}

  backend "s3" {{
    bucket         = "acme-terraform-state-{ctx["env"]}"
    key            = "{ctx["env"]}/{ctx["module"]}/terraform.tfstate"
    region         = "{ctx["region"]}"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }}
}}

provider "aws" {{
  region = var.region

  default_tags {{
    tags = local.common_tags
  }}
}}
'''


def tf_variables(rng, ctx):
    ssh = '["0.0.0.0/0"]' if ctx["open_ssh_default"] else '["10.0.0.0/8", "172.16.0.0/12"]'
    return f'''variable "region" {{
  description = "AWS region to deploy into"
  type        = string
  default     = "{ctx["region"]}"
}}

variable "environment" {{
  description = "Deployment environment"
  type        = string
  default     = "{ctx["env"]}"
}}

variable "project" {{
  description = "Project name used as a prefix for resource names"
  type        = string
  default     = "{ctx["module"]}"
}}

variable "vpc_id" {{
  description = "VPC the resources live in"
  type        = string
}}

variable "subnet_ids" {{
  description = "Private subnets"
  type        = list(string)
  default     = []
}}

variable "ssh_cidrs" {{
  description = "CIDR blocks allowed to reach port 22"
  type        = list(string)
  default     = {ssh}
}}

variable "instance_type" {{
  type    = string
  default = "{rng.choice(["t3.micro", "t3.small", "m5.large", "c6i.xlarge"])}"
}}

variable "db_publicly_accessible" {{
  type    = bool
  default = {str(ctx["db_public_default"]).lower()}
}}

variable "backup_retention_days" {{
  type    = number
  default = {rng.choice([0, 7, 14, 30])}
}}

variable "enable_versioning" {{
  type    = bool
  default = {str(chance(rng, 0.7)).lower()}
}}

variable "kms_key_arn" {{
  type    = string
  default = ""
}}

variable "db_password" {{
  type      = string
  sensitive = true
}}
'''


def tf_locals(rng, ctx):
    return f'''locals {{
  name_prefix = "${{var.project}}-${{var.environment}}"
  is_prod     = var.environment == "prod"

  common_tags = {{
    Project     = var.project
    Environment = var.environment
    Team        = "{rng.choice(TEAMS)}"
    ManagedBy   = "terraform"
    CostCenter  = "{rng.randint(1000, 9999)}"
  }}

  log_bucket_name = "${{local.name_prefix}}-logs"
  retention_days  = local.is_prod ? 365 : 30
  allowed_ports   = [80, 443, {rng.choice([8080, 8443, 9090, 3000])}]
  admin_roles     = concat(["arn:aws:iam::123456789012:role/admin"], var.environment == "prod" ? [] : ["arn:aws:iam::123456789012:role/dev"])
  bucket_names    = [for s in ["raw", "curated", "archive"] : "${{local.name_prefix}}-${{s}}"]
}}
'''


def tf_tfvars(rng, ctx):
    return f'''environment   = "{ctx["env"]}"
vpc_id        = "vpc-{rng.getrandbits(32):08x}"
subnet_ids    = ["subnet-{rng.getrandbits(32):08x}", "subnet-{rng.getrandbits(32):08x}"]
instance_type = "{rng.choice(["t3.medium", "m5.large", "m6i.large"])}"
'''


def tf_outputs(rng, ctx):
    return f'''output "name_prefix" {{
  value = local.name_prefix
}}

output "region" {{
  description = "Region of the module"
  value       = var.region
}}

output "tags" {{
  value = local.common_tags
}}
'''


def tf_s3(rng, ctx, n):
    name = f"{word(rng)}_{n}"
    acl = rng.choice(["private", "private", "private", "public-read", "log-delivery-write"])
    parts = [f'''resource "aws_s3_bucket" "{name}" {{
  bucket        = "${{local.name_prefix}}-{name.replace("_", "-")}"
  force_destroy = {str(not ctx["env"] == "prod").lower()}

  tags = merge(local.common_tags, {{
    Name = "{name}"
    Data = "{rng.choice(["public", "internal", "confidential"])}"
  }})
}}
''']
    if chance(rng, 0.5):
        parts.append(f'''resource "aws_s3_bucket_acl" "{name}" {{
  bucket = aws_s3_bucket.{name}.id
  acl    = "{acl}"
}}
''')
    if chance(rng, 0.75):
        algo = rng.choice(["aws:kms", "AES256"])
        key = "\n      kms_master_key_id = var.kms_key_arn" if algo == "aws:kms" else ""
        parts.append(f'''resource "aws_s3_bucket_server_side_encryption_configuration" "{name}" {{
  bucket = aws_s3_bucket.{name}.id

  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm     = "{algo}"{key}
    }}
    bucket_key_enabled = true
  }}
}}
''')
    if chance(rng, 0.7):
        status = "Enabled" if chance(rng, 0.8) else "Suspended"
        parts.append(f'''resource "aws_s3_bucket_versioning" "{name}" {{
  bucket = aws_s3_bucket.{name}.id

  versioning_configuration {{
    status = var.enable_versioning ? "{status}" : "Suspended"
  }}
}}
''')
    if chance(rng, 0.7):
        flag = "true" if chance(rng, 0.85) else "false"
        parts.append(f'''resource "aws_s3_bucket_public_access_block" "{name}" {{
  bucket = aws_s3_bucket.{name}.id

  block_public_acls       = true
  block_public_policy     = {flag}
  ignore_public_acls      = true
  restrict_public_buckets = {flag}
}}
''')
    if chance(rng, 0.5):
        parts.append(f'''resource "aws_s3_bucket_logging" "{name}" {{
  bucket        = aws_s3_bucket.{name}.id
  target_bucket = local.log_bucket_name
  target_prefix = "s3/{name}/"
}}
''')
    if chance(rng, 0.3):
        principal = '"*"' if chance(rng, 0.3) else '{ AWS = "arn:aws:iam::123456789012:root" }'
        parts.append(f'''resource "aws_s3_bucket_policy" "{name}" {{
  bucket = aws_s3_bucket.{name}.id
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [
      {{
        Sid       = "ReadObjects"
        Effect    = "Allow"
        Principal = {principal}
        Action    = ["s3:GetObject"]
        Resource  = "${{aws_s3_bucket.{name}.arn}}/*"
      }},
      {{
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.{name}.arn, "${{aws_s3_bucket.{name}.arn}}/*"]
        Condition = {{
          Bool = {{ "aws:SecureTransport" = "false" }}
        }}
      }}
    ]
  }})
}}
''')
    if chance(rng, 0.3):
        parts.append(f'''resource "aws_s3_bucket_lifecycle_configuration" "{name}" {{
  bucket = aws_s3_bucket.{name}.id

  rule {{
    id     = "expire-old"
    status = "Enabled"

    filter {{
      prefix = "tmp/"
    }}

    expiration {{
      days = local.retention_days
    }}

    noncurrent_version_transition {{
      noncurrent_days = 30
      storage_class   = "GLACIER"
    }}
  }}
}}
''')
    return "\n".join(parts)


def tf_sg(rng, ctx, n):
    name = f"{word(rng)}_{n}"
    rules = []
    for port in sorted(rng.sample([80, 443, 8080, 5432, 6379, 9200], rng.randint(1, 3))):
        rules.append(f'''  ingress {{
    description = "port {port}"
    from_port   = {port}
    to_port     = {port}
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }}
''')
    r = rng.random()
    if r < 0.15:
        rules.append('''  ingress {
    description = "SSH from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
''')
    elif r < 0.35:
        rules.append('''  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.ssh_cidrs
  }
''')
    elif r < 0.4:
        rules.append('''  ingress {
    description      = "RDP"
    from_port        = 3389
    to_port          = 3389
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
''')
    dyn = ""
    if chance(rng, 0.3):
        dyn = '''
  dynamic "ingress" {
    for_each = local.allowed_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
'''
    out = f'''resource "aws_security_group" "{name}" {{
  name        = "${{local.name_prefix}}-{name}"
  description = "Security group for {name}"
  vpc_id      = var.vpc_id

{"".join(rules)}{dyn}
  egress {{
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }}

  tags = local.common_tags
}}
'''
    if chance(rng, 0.4):
        cidr = '"0.0.0.0/0"' if chance(rng, 0.2) else '"10.20.0.0/16"'
        out += f'''
resource "aws_security_group_rule" "{name}_extra" {{
  type              = "ingress"
  security_group_id = aws_security_group.{name}.id
  from_port         = {rng.choice([22, 443, 0])}
  to_port           = {rng.choice([22, 443, 65535])}
  protocol          = "tcp"
  cidr_blocks       = [{cidr}]
}}
'''
    return out


def tf_iam(rng, ctx, n):
    name = f"{word(rng)}_{n}"
    admin = chance(rng, 0.15)
    action = '"*"' if admin else '["s3:GetObject", "s3:ListBucket", "sqs:SendMessage"]'
    resource = '"*"' if admin else '["arn:aws:s3:::acme-data/*", "arn:aws:sqs:*:123456789012:jobs"]'
    style = rng.choice(["jsonencode", "heredoc", "document"])
    out = f'''resource "aws_iam_role" "{name}" {{
  name = "${{local.name_prefix}}-{name}"

  assume_role_policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect    = "Allow"
      Principal = {{ Service = "ec2.amazonaws.com" }}
      Action    = "sts:AssumeRole"
    }}]
  }})

  tags = local.common_tags
}}

'''
    if style == "jsonencode":
        out += f'''resource "aws_iam_policy" "{name}" {{
  name        = "${{local.name_prefix}}-{name}"
  description = "Access for {name}"

  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [
      {{
        Effect   = "Allow"
        Action   = {action}
        Resource = {resource}
      }},
      {{
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "arn:aws:logs:${{var.region}}:123456789012:log-group:/app/*"
      }}
    ]
  }})
}}
'''
    elif style == "heredoc":
        out += f'''resource "aws_iam_policy" "{name}" {{
  name = "${{local.name_prefix}}-{name}"

  policy = <<-EOT
    {{
      "Version": "2012-10-17",
      "Statement": [
        {{
          "Effect": "Allow",
          "Action": {action.replace('", "', '", "')},
          "Resource": {resource}
        }}
      ]
    }}
  EOT
}}
'''
    else:
        actions = '["*"]' if admin else '["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]'
        resources = '["*"]' if admin else '["arn:aws:dynamodb:${var.region}:123456789012:table/${local.name_prefix}-*"]'
        out += f'''data "aws_iam_policy_document" "{name}" {{
  statement {{
    sid       = "Main"
    effect    = "Allow"
    actions   = {actions}
    resources = {resources}
  }}

  statement {{
    sid     = "Kms"
    effect  = "Allow"
    actions = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {{
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["dynamodb.${{var.region}}.amazonaws.com"]
    }}
  }}
}}

resource "aws_iam_policy" "{name}" {{
  name   = "${{local.name_prefix}}-{name}"
  policy = data.aws_iam_policy_document.{name}.json
}}
'''
    out += f'''
resource "aws_iam_role_policy_attachment" "{name}" {{
  role       = aws_iam_role.{name}.name
  policy_arn = aws_iam_policy.{name}.arn
}}
'''
    return out


def tf_rds(rng, ctx, n):
    name = f"{word(rng)}_{n}"
    public = rng.choice(["false", "false", "var.db_publicly_accessible", "true"])
    enc = "true" if chance(rng, 0.8) else "false"
    return f'''resource "aws_db_subnet_group" "{name}" {{
  name       = "${{local.name_prefix}}-{name}"
  subnet_ids = var.subnet_ids
}}

resource "aws_db_instance" "{name}" {{
  identifier              = "${{local.name_prefix}}-{name}"
  engine                  = "{rng.choice(["postgres", "mysql"])}"
  engine_version          = "{rng.choice(["15.4", "14.9", "8.0.35"])}"
  instance_class          = "{rng.choice(["db.t3.micro", "db.r6g.large", "db.m5.large"])}"
  allocated_storage       = {rng.choice([20, 50, 100, 500])}
  max_allocated_storage   = 1000
  db_name                 = "{name}"
  username                = "app"
  password                = var.db_password
  db_subnet_group_name    = aws_db_subnet_group.{name}.name
  vpc_security_group_ids  = [aws_security_group.db_{n}.id]
  publicly_accessible     = {public}
  storage_encrypted       = {enc}
  kms_key_id              = {enc} ? var.kms_key_arn : null
  backup_retention_period = var.backup_retention_days
  multi_az                = local.is_prod
  deletion_protection     = local.is_prod
  skip_final_snapshot     = !local.is_prod

  tags = local.common_tags
}}

resource "aws_security_group" "db_{n}" {{
  name   = "${{local.name_prefix}}-db-{n}"
  vpc_id = var.vpc_id

  ingress {{
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app_{n}.id]
  }}
}}

resource "aws_security_group" "app_{n}" {{
  name   = "${{local.name_prefix}}-app-{n}"
  vpc_id = var.vpc_id
}}
'''


def tf_ec2(rng, ctx, n):
    name = f"{word(rng)}_{n}"
    r = rng.random()
    if r < 0.55:
        meta = '''
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
'''
    elif r < 0.75:
        meta = '''
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }
'''
    elif r < 0.85:
        meta = '''
  metadata_options {
    http_endpoint = "enabled"
  }
'''
    else:
        meta = ""
    enc = "true" if chance(rng, 0.8) else "false"
    out = f'''data "aws_ami" "{name}" {{
  most_recent = true
  owners      = ["amazon"]

  filter {{
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }}
}}

resource "aws_instance" "{name}" {{
  ami                    = data.aws_ami.{name}.id
  instance_type          = var.instance_type
  subnet_id              = element(var.subnet_ids, {n % 3})
  vpc_security_group_ids = [aws_security_group.{name}.id]
  iam_instance_profile   = "${{local.name_prefix}}-{name}"
  monitoring             = true
  ebs_optimized          = true
{meta}
  root_block_device {{
    volume_size = {rng.choice([8, 20, 50, 100])}
    volume_type = "gp3"
    encrypted   = {enc}
  }}

  user_data = <<-EOF
    #!/bin/bash
    set -euo pipefail
    yum install -y amazon-cloudwatch-agent
    echo "{name}" > /etc/hostname
  EOF

  tags = merge(local.common_tags, {{ Name = "{name}" }})
}}

resource "aws_security_group" "{name}" {{
  name   = "${{local.name_prefix}}-{name}"
  vpc_id = var.vpc_id
}}
'''
    if chance(rng, 0.4):
        tokens = rng.choice(["required", "required", "optional"])
        out += f'''
resource "aws_launch_template" "{name}" {{
  name_prefix   = "${{local.name_prefix}}-{name}-"
  image_id      = data.aws_ami.{name}.id
  instance_type = var.instance_type

  metadata_options {{
    http_endpoint = "enabled"
    http_tokens   = "{tokens}"
  }}

  block_device_mappings {{
    device_name = "/dev/xvda"
    ebs {{
      volume_size = 30
      encrypted   = true
    }}
  }}
}}

resource "aws_ebs_volume" "{name}" {{
  availability_zone = "${{var.region}}a"
  size              = {rng.choice([10, 100, 500])}
  encrypted         = {str(chance(rng, 0.8)).lower()}
}}
'''
    return out


def tf_eks(rng, ctx, n):
    name = f"{word(rng)}_{n}"
    r = rng.random()
    if r < 0.5:
        vpc = '''    endpoint_private_access = true
    endpoint_public_access  = false'''
    elif r < 0.75:
        vpc = '''    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = ["203.0.113.0/24"]'''
    else:
        vpc = '''    endpoint_public_access = true'''
    enc = ""
    if chance(rng, 0.7):
        enc = '''
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks_%d.arn
    }
  }
''' % n
    return f'''resource "aws_kms_key" "eks_{n}" {{
  description             = "EKS secrets for {name}"
  deletion_window_in_days = 7
  enable_key_rotation     = {str(chance(rng, 0.8)).lower()}
}}

resource "aws_eks_cluster" "{name}" {{
  name     = "${{local.name_prefix}}-{name}"
  role_arn = aws_iam_role.eks_{n}.arn
  version  = "{rng.choice(["1.28", "1.29", "1.30"])}"

  vpc_config {{
    subnet_ids              = var.subnet_ids
{vpc}
  }}
{enc}
  enabled_cluster_log_types = ["api", "audit", "authenticator"]

  tags = local.common_tags
}}

resource "aws_iam_role" "eks_{n}" {{
  name = "${{local.name_prefix}}-eks-{n}"
  assume_role_policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect    = "Allow"
      Principal = {{ Service = "eks.amazonaws.com" }}
      Action    = "sts:AssumeRole"
    }}]
  }})
}}

resource "aws_eks_node_group" "{name}" {{
  cluster_name    = aws_eks_cluster.{name}.name
  node_group_name = "default"
  node_role_arn   = aws_iam_role.eks_{n}.arn
  subnet_ids      = var.subnet_ids
  instance_types  = ["m6i.large"]

  scaling_config {{
    desired_size = 3
    max_size     = 6
    min_size     = 1
  }}
}}
'''


def tf_misc(rng, ctx, n):
    name = f"{word(rng)}_{n}"
    kind = rng.choice(["sqs", "sns", "dynamodb", "cloudtrail", "alb", "kms"])
    if kind == "sqs":
        enc = '\n  kms_master_key_id = "alias/aws/sqs"' if chance(rng, 0.6) else ""
        return f'''resource "aws_sqs_queue" "{name}" {{
  name                       = "${{local.name_prefix}}-{name}"
  visibility_timeout_seconds = 60
  message_retention_seconds  = 1209600{enc}

  redrive_policy = jsonencode({{
    deadLetterTargetArn = aws_sqs_queue.{name}_dlq.arn
    maxReceiveCount     = 5
  }})
}}

resource "aws_sqs_queue" "{name}_dlq" {{
  name                    = "${{local.name_prefix}}-{name}-dlq"
  sqs_managed_sse_enabled = true
}}
'''
    if kind == "sns":
        enc = '\n  kms_master_key_id = "alias/aws/sns"' if chance(rng, 0.6) else ""
        return f'''resource "aws_sns_topic" "{name}" {{
  name = "${{local.name_prefix}}-{name}"{enc}
}}

resource "aws_sns_topic_subscription" "{name}" {{
  topic_arn = aws_sns_topic.{name}.arn
  protocol  = "sqs"
  endpoint  = "arn:aws:sqs:${{var.region}}:123456789012:{name}"
}}
'''
    if kind == "dynamodb":
        return f'''resource "aws_dynamodb_table" "{name}" {{
  name         = "${{local.name_prefix}}-{name}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {{
    name = "pk"
    type = "S"
  }}

  attribute {{
    name = "sk"
    type = "S"
  }}

  point_in_time_recovery {{
    enabled = {str(chance(rng, 0.7)).lower()}
  }}

  server_side_encryption {{
    enabled = true
  }}

  tags = local.common_tags
}}
'''
    if kind == "cloudtrail":
        return f'''resource "aws_cloudtrail" "{name}" {{
  name                          = "${{local.name_prefix}}-{name}"
  s3_bucket_name                = local.log_bucket_name
  include_global_service_events = true
  is_multi_region_trail         = {str(chance(rng, 0.7)).lower()}
  enable_log_file_validation    = {str(chance(rng, 0.7)).lower()}
  kms_key_id                    = {"var.kms_key_arn" if chance(rng, 0.6) else "null"}
}}
'''
    if kind == "alb":
        https = chance(rng, 0.6)
        port, proto = (443, "HTTPS") if https else (80, "HTTP")
        tls = '\n  ssl_policy        = "%s"\n  certificate_arn   = "arn:aws:acm:us-east-1:123456789012:certificate/abc"' % rng.choice(
            ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-2016-08"]) if https else ""
        return f'''resource "aws_lb" "{name}" {{
  name               = "{name.replace("_", "-")[:24]}"
  internal           = false
  load_balancer_type = "application"
  subnets            = var.subnet_ids
}}

resource "aws_lb_target_group" "{name}" {{
  name     = "{name.replace("_", "-")[:24]}"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = var.vpc_id
}}

resource "aws_lb_listener" "{name}" {{
  load_balancer_arn = aws_lb.{name}.arn
  port              = {port}
  protocol          = "{proto}"{tls}

  default_action {{
    type             = "forward"
    target_group_arn = aws_lb_target_group.{name}.arn
  }}
}}
'''
    return f'''resource "aws_kms_key" "{name}" {{
  description             = "Key for {name}"
  deletion_window_in_days = 30
  enable_key_rotation     = {str(chance(rng, 0.75)).lower()}
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Sid       = "RootAccess"
      Effect    = "Allow"
      Principal = {{ AWS = "arn:aws:iam::123456789012:root" }}
      Action    = "kms:*"
      Resource  = "*"
    }}]
  }})
}}

resource "aws_kms_alias" "{name}" {{
  name          = "alias/${{local.name_prefix}}-{name}"
  target_key_id = aws_kms_key.{name}.key_id
}}
'''


RESOURCE_FILES = [
    ("s3", tf_s3, 5), ("sg", tf_sg, 4), ("iam", tf_iam, 4), ("rds", tf_rds, 2), ("ec2", tf_ec2, 3),
    ("eks", tf_eks, 1), ("misc", tf_misc, 3),
]


SHARED_MODULES = ["bucket", "service", "network", "database"]


def shared_module_files(name):
    """A shared module (8 files) in the style of terraform-aws-modules."""
    variables = f'''variable "create" {{
  type    = bool
  default = true
}}

variable "name" {{
  type = string
}}

variable "settings" {{
  type = object({{
    encrypted     = optional(bool, true)
    public        = optional(bool, false)
    retention     = optional(number, 7)
    ingress_cidrs = optional(list(string), ["10.0.0.0/8"])
    ports         = optional(list(number), [443])
    tags          = optional(map(string), {{}})
  }})
  default = {{}}
}}

variable "replicas" {{
  type    = map(object({{ zone = string, size = optional(string, "small") }}))
  default = {{}}
}}
'''
    locals_tf = '''locals {
  create = var.create
  tags   = merge({ "module" = "shared", "name" = var.name }, try(var.settings.tags, {}))
  ports  = toset([for p in var.settings.ports : tostring(p)])
}
'''
    storage = f'''resource "aws_s3_bucket" "this" {{
  count  = local.create ? 1 : 0
  bucket = "${{var.name}}-{name}"
  tags   = local.tags
}}

resource "aws_s3_bucket_public_access_block" "this" {{
  count                   = local.create && !var.settings.public ? 1 : 0
  bucket                  = aws_s3_bucket.this[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {{
  count  = local.create && var.settings.encrypted ? 1 : 0
  bucket = aws_s3_bucket.this[0].id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm = "aws:kms"
    }}
  }}
}}
'''
    network = '''resource "aws_security_group" "this" {
  count       = local.create ? 1 : 0
  name        = var.name
  description = "Managed by the shared module"
  dynamic "ingress" {
    for_each = local.ports
    content {
      description = "port ${ingress.value}"
      from_port   = tonumber(ingress.value)
      to_port     = tonumber(ingress.value)
      protocol    = "tcp"
      cidr_blocks = var.settings.ingress_cidrs
    }
  }
  tags = local.tags
}
'''
    database = '''resource "aws_db_instance" "replica" {
  for_each            = var.replicas
  identifier          = "${var.name}-${each.key}"
  engine              = "postgres"
  instance_class      = each.value.size == "small" ? "db.t4g.small" : "db.r6g.large"
  availability_zone   = each.value.zone
  storage_encrypted   = var.settings.encrypted
  publicly_accessible = var.settings.public
  deletion_protection = true
  tags                = local.tags
}
'''
    logs = '''resource "aws_cloudwatch_log_group" "this" {
  count             = local.create ? 1 : 0
  name              = "/shared/${var.name}"
  retention_in_days = var.settings.retention
  tags              = local.tags
}
'''
    outputs = '''output "bucket" {
  value = try(aws_s3_bucket.this[0].id, null)
}

output "security_group" {
  value = try(aws_security_group.this[0].id, null)
}
'''
    versions = '''terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}
'''
    return [("versions.tf", versions), ("variables.tf", variables), ("locals.tf", locals_tf), ("storage.tf", storage),
            ("network.tf", network), ("database.tf", database), ("logs.tf", logs), ("outputs.tf", outputs)]


def module_calls(rng, ctx):
    """A root's calls of shared modules, each with `for_each` over 2-4 keys."""
    out = []
    for i, name in enumerate(rng.sample(SHARED_MODULES, rng.randint(1, 3))):
        keys = rng.sample(WORDS, rng.randint(2, 4))
        public = "true" if chance(rng, 0.1) else "false"
        encrypted = "false" if chance(rng, 0.1) else "true"
        ports = rng.choice(["[443]", "[443, 8443]", "[22, 443]" if chance(rng, 0.3) else "[443, 80]"])
        cidrs = '["0.0.0.0/0"]' if chance(rng, 0.15) else '["10.0.0.0/8"]'
        entries = "".join(f'    {k} = {{ zone = "{ctx["region"]}a" }}\n' for k in keys[:2])
        out.append(f'''module "{name}_{i}" {{
  source   = "../../modules/{name}"
  for_each = toset({keys!r})
  name     = "${{var.project}}-${{each.key}}"
  settings = {{
    public        = {public}
    encrypted     = {encrypted}
    ports         = {ports}
    ingress_cidrs = {cidrs}
    tags          = {{ owner = var.project, env = var.environment }}
  }}
  replicas = {{
{entries}  }}
}}
'''.replace("'", '"'))
    return "\n".join(out)


def gen_terraform_module(rng, root, index, nfiles, calls=False):
    env = ENVS[index % len(ENVS)]
    module = f"{word(rng)}-{index:04d}"
    ctx = {
        "env": env, "module": module, "region": rng.choice(REGIONS),
        "open_ssh_default": chance(rng, 0.2), "db_public_default": chance(rng, 0.15),
    }
    d = os.path.join(root, "infra", env, module)
    files = [
        ("versions.tf", tf_versions), ("variables.tf", tf_variables), ("locals.tf", tf_locals),
        ("terraform.tfvars", tf_tfvars), ("outputs.tf", tf_outputs),
    ][:nfiles]
    out = [(name, fn(rng, ctx)) for name, fn in files]
    if calls and nfiles > len(files):
        out.append(("modules.tf", module_calls(rng, ctx)))
    kinds = [k for k, _, w in RESOURCE_FILES for _ in range(w)]
    fns = {k: fn for k, fn, _ in RESOURCE_FILES}
    for i in range(nfiles - len(out)):
        k = rng.choice(kinds)
        out.append((f"{k}_{i:02d}.tf", fns[k](rng, ctx, i)))
    return d, out


# --------------------------------------------------------------------------------------------------
# Kubernetes
# --------------------------------------------------------------------------------------------------


def k8s_meta(name, ns, labels, indent="", extra=""):
    lab = "".join(f"{indent}    {k}: {v}\n" for k, v in labels.items())
    nsl = f"{indent}  namespace: {ns}\n" if ns else ""
    return f"{indent}metadata:\n{indent}  name: {name}\n{nsl}{indent}  labels:\n{lab}{extra}"


def k8s_container(rng, name, indent, violating):
    """A container spec as a list item at `indent` (the `- ` is at indent)."""
    i = indent
    image = rng.choice(IMAGES)
    tag = "latest" if violating and chance(rng, 0.3) else rng.choice(["1.25.3", "7.2", "v2.4.1", "15.4-alpine", "sha-4f2a9c1"])
    lines = [f"{i}- name: {name}", f"{i}  image: {image}:{tag}", f"{i}  imagePullPolicy: IfNotPresent"]
    if chance(rng, 0.7):
        lines += [f"{i}  ports:", f"{i}    - name: http", f"{i}      containerPort: {rng.choice([80, 8080, 3000, 9090])}",
                  f"{i}      protocol: TCP"]
        if violating and chance(rng, 0.1):
            lines.append(f"{i}      hostPort: 8080")
    if chance(rng, 0.6):
        lines += [f"{i}  env:", f"{i}    - name: LOG_LEVEL", f"{i}      value: info",
                  f"{i}    - name: POD_NAME", f"{i}      valueFrom:", f"{i}        fieldRef:",
                  f"{i}          fieldPath: metadata.name"]
        if violating and chance(rng, 0.2):
            lines += [f"{i}    - name: DB_PASSWORD", f'{i}      value: "hunter2-{rng.randint(100, 999)}"']
        else:
            lines += [f"{i}    - name: DB_PASSWORD", f"{i}      valueFrom:", f"{i}        secretKeyRef:",
                      f"{i}          name: db-credentials", f"{i}          key: password"]
    if not violating or chance(rng, 0.5):
        lines += [f"{i}  resources:", f"{i}    requests:", f"{i}      cpu: {rng.choice(['50m', '100m', '250m', '500m'])}",
                  f"{i}      memory: {rng.choice(['64Mi', '128Mi', '256Mi', '1Gi'])}", f"{i}    limits:",
                  f"{i}      cpu: {rng.choice(['500m', '1', '2'])}", f"{i}      memory: {rng.choice(['256Mi', '512Mi', '2Gi'])}"]
    if chance(rng, 0.5):
        lines += [f"{i}  readinessProbe:", f"{i}    httpGet:", f"{i}      path: /healthz", f"{i}      port: http",
                  f"{i}    initialDelaySeconds: 5", f"{i}    periodSeconds: 10"]
    if not violating:
        lines += [f"{i}  securityContext:", f"{i}    allowPrivilegeEscalation: false", f"{i}    readOnlyRootFilesystem: true",
                  f"{i}    runAsNonRoot: true", f"{i}    runAsUser: {rng.choice([1000, 10001, 65532])}",
                  f"{i}    capabilities:", f"{i}      drop:", f"{i}        - ALL"]
    else:
        sc = []
        if chance(rng, 0.3):
            sc.append(f"{i}    privileged: {rng.choice(['true', 'yes'])}")
        if chance(rng, 0.5):
            sc.append(f"{i}    allowPrivilegeEscalation: true")
        if chance(rng, 0.4):
            sc.append(f"{i}    runAsUser: 0")
        if chance(rng, 0.3):
            sc += [f"{i}    capabilities:", f"{i}      add:", f"{i}        - {rng.choice(['NET_ADMIN', 'SYS_ADMIN', 'NET_RAW'])}"]
        if sc:
            lines += [f"{i}  securityContext:"] + sc
    if chance(rng, 0.4):
        lines += [f"{i}  volumeMounts:", f"{i}    - name: config", f"{i}      mountPath: /etc/app", f"{i}      readOnly: true"]
    return "\n".join(lines) + "\n"


def k8s_pod_spec(rng, indent, violating, name):
    i = indent
    lines = []
    if chance(rng, 0.6):
        lines.append(f"{i}serviceAccountName: {name}")
    if not violating:
        lines += [f"{i}automountServiceAccountToken: false", f"{i}securityContext:", f"{i}  runAsNonRoot: true",
                  f"{i}  fsGroup: 2000", f"{i}  seccompProfile:", f"{i}    type: RuntimeDefault"]
    else:
        if chance(rng, 0.15):
            lines.append(f"{i}hostNetwork: true")
        if chance(rng, 0.1):
            lines.append(f"{i}hostPID: true")
    if chance(rng, 0.3):
        lines += [f"{i}nodeSelector:", f"{i}  kubernetes.io/os: linux"]
    if chance(rng, 0.2):
        lines += [f"{i}tolerations:", f"{i}  - key: dedicated", f"{i}    operator: Equal", f"{i}    value: {name}",
                  f"{i}    effect: NoSchedule"]
    lines.append(f"{i}containers:")
    text = "\n".join(lines) + "\n"
    text += k8s_container(rng, name, i + "  ", violating)
    if chance(rng, 0.25):
        text += k8s_container(rng, "sidecar", i + "  ", violating and chance(rng, 0.5))
    vols = [f"{i}volumes:", f"{i}  - name: config", f"{i}    configMap:", f"{i}      name: {name}-config"]
    if violating and chance(rng, 0.2):
        vols += [f"{i}  - name: host", f"{i}    hostPath:", f"{i}      path: /var/run/docker.sock"]
    else:
        vols += [f"{i}  - name: tmp", f"{i}    emptyDir: {{}}"]
    return text + "\n".join(vols) + "\n"


def k8s_workload(rng, kind, name, ns, labels, violating, indent=""):
    i = indent
    api = {"Deployment": "apps/v1", "StatefulSet": "apps/v1", "DaemonSet": "apps/v1", "Job": "batch/v1",
           "CronJob": "batch/v1", "Pod": "v1"}[kind]
    head = f"{i}apiVersion: {api}\n{i}kind: {kind}\n" + k8s_meta(name, ns, labels, i)
    sel = f"{i}  selector:\n{i}    matchLabels:\n{i}      app: {name}\n"
    tmeta = f"{i}    metadata:\n{i}      labels:\n{i}        app: {name}\n"
    if chance(rng, 0.4):
        tmeta += f"{i}      annotations:\n{i}        prometheus.io/scrape: \"true\"\n{i}        prometheus.io/port: \"9090\"\n"
    if kind == "Pod":
        return head + f"{i}spec:\n" + k8s_pod_spec(rng, i + "  ", violating, name)
    if kind in ("Deployment", "StatefulSet", "DaemonSet"):
        spec = f"{i}spec:\n"
        if kind != "DaemonSet":
            spec += f"{i}  replicas: {rng.choice([1, 2, 3, 5])}\n"
        if kind == "StatefulSet":
            spec += f"{i}  serviceName: {name}\n"
        if kind == "Deployment":
            spec += f"{i}  strategy:\n{i}    type: RollingUpdate\n{i}    rollingUpdate:\n{i}      maxSurge: 25%\n{i}      maxUnavailable: 0\n"
        spec += sel + f"{i}  template:\n" + tmeta + f"{i}    spec:\n" + k8s_pod_spec(rng, i + "      ", violating, name)
        if kind == "StatefulSet":
            spec += (f"{i}  volumeClaimTemplates:\n{i}    - metadata:\n{i}        name: data\n{i}      spec:\n"
                     f"{i}        accessModes: [ReadWriteOnce]\n{i}        resources:\n{i}          requests:\n"
                     f"{i}            storage: 10Gi\n")
        return head + spec
    if kind == "Job":
        return (head + f"{i}spec:\n{i}  backoffLimit: 3\n{i}  ttlSecondsAfterFinished: 3600\n{i}  template:\n" + tmeta
                + f"{i}    spec:\n{i}      restartPolicy: Never\n" + k8s_pod_spec(rng, i + "      ", violating, name))
    # CronJob
    return (head + f"{i}spec:\n{i}  schedule: \"{rng.randint(0, 59)} {rng.randint(0, 23)} * * *\"\n"
            f"{i}  concurrencyPolicy: Forbid\n{i}  jobTemplate:\n{i}    spec:\n{i}      template:\n"
            + "".join("    " + line for line in tmeta.splitlines(True))
            + f"{i}        spec:\n{i}          restartPolicy: OnFailure\n"
            + k8s_pod_spec(rng, i + "          ", violating, name))


def k8s_service(rng, name, ns, labels, violating, indent=""):
    i = indent
    t = rng.choice(["LoadBalancer", "NodePort"]) if violating and chance(rng, 0.4) else "ClusterIP"
    return (f"{i}apiVersion: v1\n{i}kind: Service\n" + k8s_meta(name, ns, labels, i)
            + f"{i}spec:\n{i}  type: {t}\n{i}  selector:\n{i}    app: {name}\n{i}  ports:\n"
            f"{i}    - name: http\n{i}      port: 80\n{i}      targetPort: http\n{i}      protocol: TCP\n")


def k8s_ingress(rng, name, ns, labels, violating, indent=""):
    i = indent
    host = f"{name}.{rng.choice(['example.com', 'acme.io', 'internal.acme.io'])}"
    tls = "" if violating and chance(rng, 0.5) else f"{i}  tls:\n{i}    - hosts:\n{i}        - {host}\n{i}      secretName: {name}-tls\n"
    return (f"{i}apiVersion: networking.k8s.io/v1\n{i}kind: Ingress\n"
            + k8s_meta(name, ns, labels, i, f"{i}  annotations:\n{i}    cert-manager.io/cluster-issuer: letsencrypt\n")
            + f"{i}spec:\n{i}  ingressClassName: nginx\n{tls}{i}  rules:\n{i}    - host: {host}\n{i}      http:\n"
            f"{i}        paths:\n{i}          - path: /\n{i}            pathType: Prefix\n{i}            backend:\n"
            f"{i}              service:\n{i}                name: {name}\n{i}                port:\n"
            f"{i}                  number: 80\n")


def k8s_rbac(rng, name, ns, labels, violating, indent=""):
    i = indent
    cluster = chance(rng, 0.3)
    kind = "ClusterRole" if cluster else "Role"
    if violating and chance(rng, 0.4):
        rules = f"{i}  - apiGroups: [\"*\"]\n{i}    resources: [\"*\"]\n{i}    verbs: [\"*\"]\n"
    elif violating and chance(rng, 0.5):
        rules = f"{i}  - apiGroups: [\"\"]\n{i}    resources: [\"secrets\"]\n{i}    verbs: [\"get\", \"list\", \"watch\"]\n"
    else:
        rules = (f"{i}  - apiGroups: [\"\"]\n{i}    resources: [\"configmaps\", \"pods\"]\n{i}    verbs: [\"get\", \"list\", \"watch\"]\n"
                 f"{i}  - apiGroups: [\"apps\"]\n{i}    resources: [\"deployments\"]\n{i}    verbs: [\"get\"]\n")
    role = (f"{i}apiVersion: rbac.authorization.k8s.io/v1\n{i}kind: {kind}\n"
            + k8s_meta(name, None if cluster else ns, labels, i) + f"{i}rules:\n" + rules)
    ref = "cluster-admin" if violating and cluster and chance(rng, 0.3) else name
    binding = (f"{i}apiVersion: rbac.authorization.k8s.io/v1\n{i}kind: {kind}Binding\n"
               + k8s_meta(name, None if cluster else ns, labels, i)
               + f"{i}roleRef:\n{i}  apiGroup: rbac.authorization.k8s.io\n{i}  kind: {kind}\n{i}  name: {ref}\n"
               f"{i}subjects:\n{i}  - kind: ServiceAccount\n{i}    name: {name}\n{i}    namespace: {ns}\n")
    return [role, binding]


def k8s_simple(rng, kind, name, ns, labels, indent=""):
    i = indent
    if kind == "ServiceAccount":
        return f"{i}apiVersion: v1\n{i}kind: ServiceAccount\n" + k8s_meta(name, ns, labels, i) + f"{i}automountServiceAccountToken: false\n"
    return (f"{i}apiVersion: v1\n{i}kind: ConfigMap\n" + k8s_meta(f"{name}-config", ns, labels, i)
            + f"{i}data:\n{i}  LOG_FORMAT: json\n{i}  FEATURE_FLAGS: \"{word(rng)},{word(rng)}\"\n"
            f"{i}  app.yaml: |\n{i}    server:\n{i}      port: 8080\n{i}      timeout: 30s\n")


WORKLOADS = ["Deployment"] * 6 + ["StatefulSet"] * 2 + ["DaemonSet", "Job", "CronJob", "Pod"]


def k8s_bundle(rng, app, ns, idx):
    """A workload written with everything it deploys with, as charts and kustomize builds are."""
    violating = chance(rng, 0.35)
    labels = {"app": app, "app.kubernetes.io/part-of": ns, "team": rng.choice(TEAMS)}
    name = f"{app}-{idx}"
    docs = [k8s_workload(rng, rng.choice(["Deployment", "Deployment", "StatefulSet", "DaemonSet"]), name, ns,
                         labels, violating),
            k8s_service(rng, name, ns, labels, violating),
            k8s_simple(rng, "ServiceAccount", name, ns, labels),
            k8s_simple(rng, "ConfigMap", name, ns, labels)]
    docs.extend(k8s_rbac(rng, name, ns, labels, violating))
    if chance(rng, 0.4):
        docs.append(k8s_ingress(rng, name, ns, labels, violating))
    text = "".join("---\n" + d for d in docs)
    return f"{name}-bundle.yaml", text, len(docs)


def k8s_file(rng, app, ns, idx, shape="real"):
    """One manifest file: returns (file name, text, document count)."""
    if shape == "real" and chance(rng, 0.3):
        return k8s_bundle(rng, app, ns, idx)
    violating = chance(rng, 0.35)
    labels = {"app": app, "app.kubernetes.io/part-of": ns, "team": rng.choice(TEAMS)}
    name = f"{app}-{idx}"
    r = rng.random()
    if r < 0.07:
        # kind: List with 2-3 items (indented by 4 under `items: - `).
        items = [k8s_service(rng, name, ns, labels, violating, "    "),
                 k8s_simple(rng, "ServiceAccount", name, ns, labels, "    ")]
        if chance(rng, 0.5):
            items.append(k8s_simple(rng, "ConfigMap", name, ns, labels, "    "))
        text = "apiVersion: v1\nkind: List\nitems:\n" + "".join("  - " + it[4:] for it in items)
        return f"{name}-list.yaml", text, len(items)
    if r < 0.55:
        docs = [k8s_workload(rng, rng.choice(WORKLOADS), name, ns, labels, violating)]
        fname = f"{name}.yaml"
    elif r < 0.75:
        kind = rng.choice(["Deployment", "Deployment", "StatefulSet"])
        docs = [k8s_workload(rng, kind, name, ns, labels, violating), k8s_service(rng, name, ns, labels, violating)]
        if chance(rng, 0.3):
            docs.append(k8s_ingress(rng, name, ns, labels, violating))
        fname = f"{name}-app.yml"
    elif r < 0.83:
        docs = k8s_rbac(rng, name, ns, labels, violating)
        fname = f"{name}-rbac.yaml"
    elif r < 0.9:
        docs = [k8s_ingress(rng, name, ns, labels, violating)]
        fname = f"{name}-ingress.yaml"
    elif r < 0.95:
        docs = [k8s_service(rng, name, ns, labels, violating)]
        fname = f"{name}-svc.yaml"
    else:
        docs = [k8s_simple(rng, "ConfigMap", name, ns, labels), k8s_simple(rng, "ServiceAccount", name, ns, labels)]
        fname = f"{name}-config.yaml"
    text = "".join(("---\n" if n else ("---\n" if chance(rng, 0.2) else "")) + d for n, d in enumerate(docs))
    if chance(rng, 0.15):
        text = f"# {app}: managed by the {labels['team']} team\n" + text
    return fname, text, len(docs)


# --------------------------------------------------------------------------------------------------


def generate(n, root, seed, shape="real"):
    rng = random.Random(seed)
    n_tf = n // 2
    n_k8s = n - n_tf
    written = 0
    docs = 0
    if shape == "real" and n_tf >= 64:
        # The shared modules first: their files count towards the Terraform half.
        for name in SHARED_MODULES:
            d = os.path.join(root, "infra", "modules", name)
            os.makedirs(d, exist_ok=True)
            for fname, text in shared_module_files(name):
                with open(os.path.join(d, fname), "w", encoding="utf-8", newline="\n") as f:
                    f.write(text)
                written += 1
                n_tf -= 1
    # Terraform: modules of 16-24 files (average 20); the last one takes what is left.
    index = 0
    left = n_tf
    while left > 0:
        size = rng.randint(16, 24)
        if left - size < 8:
            size = left
        calls = shape == "real" and index % 3 == 0
        d, files = gen_terraform_module(rng, root, index, size, calls)
        os.makedirs(d, exist_ok=True)
        for name, text in files:
            with open(os.path.join(d, name), "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            written += 1
        left -= size
        index += 1
    # Kubernetes: app directories of 4-16 files.
    app_index = 0
    left = n_k8s
    while left > 0:
        ns = rng.choice(WORDS)
        app = f"{rng.choice(WORDS)}{app_index:04d}"
        team = TEAMS[app_index % len(TEAMS)]
        d = os.path.join(root, "k8s", team, app)
        os.makedirs(d, exist_ok=True)
        size = min(left, rng.randint(4, 16))
        for i in range(size):
            fname, text, nd = k8s_file(rng, app, ns, i, shape)
            with open(os.path.join(d, fname), "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            written += 1
            docs += nd
        left -= size
        app_index += 1
    return written, n_k8s, docs


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of files")
    p.add_argument("dir", help="output directory (must not exist or be empty)")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--shape", choices=["real", "classic"], default="real",
                   help="real: shared modules called with for_each, denser manifests (default); "
                        "classic: the corpus of the earlier figures")
    a = p.parse_args()
    if a.n < 2:
        p.error("N must be at least 2")
    if os.path.exists(a.dir) and os.listdir(a.dir):
        p.error(f"{a.dir} exists and is not empty")
    os.makedirs(a.dir, exist_ok=True)
    written, k8s_files, k8s_docs = generate(a.n, a.dir, a.seed, a.shape)
    print(f"{written} files in {a.dir} ({written - k8s_files} Terraform module files, {k8s_files} Kubernetes "
          f"files with {k8s_docs} documents, {k8s_docs / max(k8s_files, 1):.2f} per file)", file=sys.stderr)


if __name__ == "__main__":
    main()
