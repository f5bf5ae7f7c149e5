# METADATA
# title: ECR repository does not scan images on push
# description: >-
#   Scanning images when they are pushed reports known vulnerabilities in their operating system packages
#   before they are deployed. A repository without `scan_on_push = true`, in an account without a
#   registry-wide scanning configuration, accepts images that nobody has checked.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-1
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_registry_scanning_configuration
# custom:
#   id: TG-AWS-ECR-001
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Scan on push (or configure scanning for the whole registry with
#     `aws_ecr_registry_scanning_configuration`):
#
#         resource "aws_ecr_repository" "app" {
#           name = "app"
#           image_scanning_configuration {
#             scan_on_push = true
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices ECR.1
#     - NIST SP 800-53 RA-5, SI-2
#   resource_types: [aws_ecr_repository]
package tollgate.terraform.aws.ecr_scan_on_push_disabled

import data.tollgate.lib.terraform as tf
import data.tollgate.lib.terraform_module as tfm
import rego.v1

warn contains {
	"msg": sprintf("ECR repository `%s` has no `image_scanning_configuration` and does not scan images on push", [r.address]),
	"path": r.path,
} if {
	not registry_scanning
	some r in tf.resources_of("aws_ecr_repository")
	no_block(r.body, "image_scanning_configuration")
}

warn contains {
	"msg": sprintf("ECR repository `%s` sets `scan_on_push = false`", [r.address]),
	"path": array.concat(r.path, ["image_scanning_configuration", i, "scan_on_push"]),
} if {
	not registry_scanning
	some r in tf.resources_of("aws_ecr_repository")
	some i, c in blocks(r.body, "image_scanning_configuration")
	tf.is_false(c.scan_on_push)
}

# Registry-level scanning (basic or enhanced) covers the repositories its rules match.
registry_scanning if count(tfm.module_resources_of("aws_ecr_registry_scanning_configuration")) > 0

no_block(body, field) if {
	not is_object(input.planned_values)
	not field in object.keys(body)
	not body.dynamic[field]
}

no_block(body, field) if body[field] == []

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
