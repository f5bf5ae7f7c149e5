# METADATA
# title: EKS secrets not envelope-encrypted with a customer managed key
# description: >-
#   Kubernetes Secrets are stored in etcd; without an `encryption_config` for `secrets`, they are not
#   envelope-encrypted with a KMS key you control, so you cannot restrict, audit or revoke who can decrypt
#   them through key policies and CloudTrail.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-3
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#encryption_config
# custom:
#   id: TG-AWS-EKS-002
#   severity: high
#   enforcement: block
#   remediation: |
#     Envelope-encrypt secrets with a customer managed KMS key:
#
#         resource "aws_eks_cluster" "main" {
#           # ...
#           encryption_config {
#             resources = ["secrets"]
#             provider {
#               key_arn = aws_kms_key.eks.arn
#             }
#           }
#         }
#   frameworks:
#     - CIS Amazon EKS Benchmark v1.1.0 5.3.1
#     - NIST SP 800-53 SC-12, SC-28
#   resource_types: [aws_eks_cluster]
package tollgate.terraform.aws.eks_secrets_unencrypted

import data.tollgate.lib.terraform as tf
import rego.v1

deny contains {
	"msg": sprintf("EKS cluster `%s` does not envelope-encrypt Kubernetes secrets with a KMS key (`encryption_config`)", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_eks_cluster")
	count(blocks(r.body, "encryption_config")) == 0
	not r.body.dynamic.encryption_config
	not plan_unknown(r.body)
}

deny contains {
	"msg": sprintf("EKS cluster `%s` has an `encryption_config` that does not cover `secrets`", [r.address]),
	"path": array.concat(r.path, ["encryption_config", 0, "resources"]),
} if {
	some r in tf.resources_of("aws_eks_cluster")
	configs := blocks(r.body, "encryption_config")
	count(configs) > 0
	every c in configs {
		is_array(c.resources)
		not "secrets" in c.resources
		every res in c.resources {
			tf.is_known(res)
		}
	}
}

# A plan omits encryption_config while it is unknown.
plan_unknown(body) if {
	is_object(input.planned_values)
	not "encryption_config" in object.keys(body)
}

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
