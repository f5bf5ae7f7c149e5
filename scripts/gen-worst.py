#!/usr/bin/env python3
"""Generates the inputs that once made tollgate quadratic, for scripts/bench.sh ("Worst cases").

  s3-module/      2,000 .tf files in one module, each an S3 bucket with its public access block,
                  encryption and versioning companions (rules relate every bucket to its companions)
  big-module/     one module of 5,000 resources in 250 files (buckets, companions, IAM, security groups)
  companions/     2,000 .tf files in one module, each a resource with the companion another rule looks
                  for across the module: a secret and its rotation, a VPC and its flow log, a website
                  bucket and its policy, an OpenSearch domain and its policy, a CloudFront distribution
                  and its log delivery source, an IAM policy and its policy document, a load balancer
                  and its listener (rules that scanned the module per resource were quadratic)
  counted/        one file: 5,000 buckets of one `count` resource, each with its versioning (a `count`
                  companion): every instance refers to the same address
  plan.json       a Terraform plan (`terraform show -json` shape) of 2,000 buckets with their public
                  access block, versioning and encryption (rules relate each bucket to its companions
                  through the references the plan's `configuration` records)
  many-docs.yaml  one YAML file of 20,000 ConfigMaps with one inline suppression
  many-pods.yaml  one YAML file of 20,000 privileged Pods, each with its own inline suppression, and
                  a ServiceAccount before every tenth (rules look up each Pod's ServiceAccount; every
                  suppression was once copied into, and compared for, every document)

Usage: scripts/gen-worst.py DIR
"""
import datetime
import json
import os
import sys

BUCKET = """resource "aws_s3_bucket" "b{i}" {{
  bucket = "bucket-{i}"
}}
resource "aws_s3_bucket_public_access_block" "b{i}" {{
  bucket                  = aws_s3_bucket.b{i}.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}}
resource "aws_s3_bucket_server_side_encryption_configuration" "b{i}" {{
  bucket = aws_s3_bucket.b{i}.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm = "aws:kms"
    }}
  }}
}}
resource "aws_s3_bucket_versioning" "b{i}" {{
  bucket = aws_s3_bucket.b{i}.id
  versioning_configuration {{
    status = "Enabled"
  }}
}}
"""

OTHER = """resource "aws_iam_role" "r{i}" {{
  name               = "role-{i}"
  assume_role_policy = jsonencode({{ Version = "2012-10-17", Statement = [{{ Effect = "Allow", Action = "sts:AssumeRole", Principal = {{ Service = "lambda.amazonaws.com" }} }}] }})
}}
resource "aws_security_group" "s{i}" {{
  name = "sg-{i}"
  ingress {{
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }}
}}
"""


COMPANIONS = """resource "aws_secretsmanager_secret" "s{i}" {{
  name = "secret-{i}"
}}
resource "aws_secretsmanager_secret_rotation" "s{i}" {{
  secret_id           = aws_secretsmanager_secret.s{i}.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
}}
resource "aws_vpc" "v{i}" {{
  cidr_block = "10.0.0.0/16"
}}
resource "aws_flow_log" "v{i}" {{
  vpc_id       = aws_vpc.v{i}.id
  traffic_type = "ALL"
}}
resource "aws_s3_bucket" "w{i}" {{
  bucket = "site-{i}"
}}
resource "aws_s3_bucket_website_configuration" "w{i}" {{
  bucket = aws_s3_bucket.w{i}.id
  index_document {{
    suffix = "index.html"
  }}
}}
resource "aws_s3_bucket_policy" "w{i}" {{
  bucket = aws_s3_bucket.w{i}.id
  policy = data.aws_iam_policy_document.w{i}.json
}}
data "aws_iam_policy_document" "w{i}" {{
  statement {{
    actions   = ["s3:*"]
    resources = ["*"]
  }}
}}
resource "aws_iam_policy" "w{i}" {{
  name   = "policy-{i}"
  policy = data.aws_iam_policy_document.w{i}.json
}}
resource "aws_opensearch_domain" "d{i}" {{
  domain_name = "domain-{i}"
}}
resource "aws_opensearch_domain_policy" "d{i}" {{
  domain_name     = aws_opensearch_domain.d{i}.domain_name
  access_policies = jsonencode({{ Version = "2012-10-17", Statement = [{{ Effect = "Allow", Principal = "*", Action = "es:*", Resource = "*" }}] }})
}}
resource "aws_cloudfront_distribution" "c{i}" {{
  enabled = true
}}
resource "aws_cloudwatch_log_delivery_source" "c{i}" {{
  name         = "source-{i}"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.c{i}.arn
}}
resource "aws_lb" "l{i}" {{
  name               = "lb-{i}"
  load_balancer_type = "application"
}}
resource "aws_lb_listener" "l{i}" {{
  load_balancer_arn = aws_lb.l{i}.arn
  port              = 80
  default_action {{
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/t/1"
  }}
}}
"""


COUNTED = """resource "aws_s3_bucket" "b" {
  count  = 5000
  bucket = "bucket-${count.index}"
}
resource "aws_s3_bucket_versioning" "b" {
  count  = 5000
  bucket = aws_s3_bucket.b[count.index].id
  versioning_configuration {
    status = "Enabled"
  }
}
"""


def plan(n):
    """A plan of n buckets, each with three companions that refer to it."""
    values, config = [], []
    companions = [
        ("aws_s3_bucket_public_access_block", {"block_public_acls": True, "block_public_policy": True,
                                               "ignore_public_acls": True, "restrict_public_buckets": True}),
        ("aws_s3_bucket_versioning", {"versioning_configuration": [{"status": "Enabled", "mfa_delete": None}]}),
        ("aws_s3_bucket_server_side_encryption_configuration",
         {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms",
                                                                 "kms_master_key_id": None}],
                    "bucket_key_enabled": None}]}),
    ]
    for i in range(n):
        name = f"b{i}"
        values.append({"address": f"aws_s3_bucket.{name}", "mode": "managed", "type": "aws_s3_bucket",
                       "name": name, "values": {"bucket": f"bucket-{i}"}})
        config.append({"address": f"aws_s3_bucket.{name}", "mode": "managed", "type": "aws_s3_bucket",
                       "name": name, "expressions": {"bucket": {"constant_value": f"bucket-{i}"}}})
        for kind, extra in companions:
            values.append({"address": f"{kind}.{name}", "mode": "managed", "type": kind, "name": name,
                           "values": dict({"bucket": f"bucket-{i}"}, **extra)})
            config.append({"address": f"{kind}.{name}", "mode": "managed", "type": kind, "name": name,
                           "expressions": {"bucket": {"references": [f"aws_s3_bucket.{name}.id",
                                                                     f"aws_s3_bucket.{name}"]}}})
    return json.dumps({"format_version": "1.2", "terraform_version": "1.11.0",
                       "planned_values": {"root_module": {"resources": values}},
                       "configuration": {"root_module": {"resources": config}}})


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    for i in range(2000):
        write(f"{out}/s3-module/b{i:04}.tf", BUCKET.format(i=i))
    # 250 files x (3 buckets x 4 resources + 4 x 2 others) = 250 x 20 = 5,000 resources.
    for f in range(250):
        text = "".join(BUCKET.format(i=f * 3 + k) for k in range(3))
        text += "".join(OTHER.format(i=f * 4 + k) for k in range(4))
        write(f"{out}/big-module/f{f:03}.tf", text)
    for i in range(2000):
        write(f"{out}/companions/c{i:04}.tf", COMPANIONS.format(i=i))
    write(f"{out}/plan.json", plan(2000))
    write(f"{out}/counted/main.tf", COUNTED)
    # A valid suppression expires within exceptions.max_days (90 by default) of the scan.
    until = datetime.date.today() + datetime.timedelta(days=30)
    docs = []
    for i in range(20000):
        head = f"# tollgate:ignore TG-K8S-001 until={until} reason=\"bench\"\n" if i == 0 else ""
        docs.append(f"{head}apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i}\ndata:\n  key: value-{i}\n")
    write(f"{out}/many-docs.yaml", "---\n".join(docs))
    docs = []
    for i in range(20000):
        if i % 10 == 0:
            docs.append(f"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-{i}\n  namespace: load\nautomountServiceAccountToken: false\n")
        docs.append(
            f"# tollgate:ignore TG-K8S-001 until={until} reason=\"bench {i}\"\n"
            f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-{i}\n  namespace: load\nspec:\n"
            f"  serviceAccountName: sa-{i - i % 10}\n  containers:\n    - name: c\n      image: nginx:1.27\n"
            f"      securityContext:\n        privileged: true\n"
        )
    write(f"{out}/many-pods.yaml", "---\n".join(docs))


if __name__ == "__main__":
    main()
