# METADATA
# title: ECR repository allows overwriting image tags
# description: >-
#   With mutable tags (the default), pushing an image under an existing tag silently replaces what
#   deployments referring to that tag run: a compromised pipeline or credential can swap `v1.4.2` for a
#   malicious image, and rollbacks may not return to the same code. Immutable tags make every tag point to
#   one image for good.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-2
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_repository#image_tag_mutability
# custom:
#   id: TG-AWS-ECR-002
#   severity: low
#   enforcement: warn
#   remediation: |
#     Make tags immutable:
#
#         resource "aws_ecr_repository" "app" {
#           name                 = "app"
#           image_tag_mutability = "IMMUTABLE"
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices ECR.2
#     - NIST SP 800-53 CM-2, SI-7
#   resource_types: [aws_ecr_repository]
package tollgate.terraform.aws.ecr_mutable_tags

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("ECR repository `%s` sets `image_tag_mutability = \"MUTABLE\"`: pushed images can replace existing tags", [r.address]),
	"path": array.concat(r.path, ["image_tag_mutability"]),
} if {
	some r in tf.resources_of("aws_ecr_repository")
	r.body.image_tag_mutability == "MUTABLE"
}

warn contains {
	"msg": sprintf("ECR repository `%s` does not set `image_tag_mutability` (default MUTABLE): pushed images can replace existing tags", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_ecr_repository")
	unset(r.body, "image_tag_mutability")
}

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
}
