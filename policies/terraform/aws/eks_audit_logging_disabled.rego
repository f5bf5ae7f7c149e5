# METADATA
# title: EKS cluster does not send audit logs to CloudWatch
# description: >-
#   The Kubernetes audit log records every request to the API server: who created, changed, exec'ed into
#   or read what. EKS only delivers it to CloudWatch Logs when `enabled_cluster_log_types` includes
#   `audit`; without it a cluster compromise leaves no trail.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-8
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#enabled_cluster_log_types
# custom:
#   id: TG-AWS-EKS-003
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Enable the audit log (and the other control plane logs you need):
#
#         resource "aws_eks_cluster" "main" {
#           # ...
#           enabled_cluster_log_types = ["api", "audit", "authenticator"]
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices EKS.8
#     - CIS Amazon EKS Benchmark v1.1.0 2.1.1
#     - NIST SP 800-53 AU-2, AU-12
#   resource_types: [aws_eks_cluster]
package tollgate.terraform.aws.eks_audit_logging_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("EKS cluster `%s` does not enable the `audit` control plane log", [r.address]),
	"path": array.concat(r.path, ["enabled_cluster_log_types"]),
} if {
	some r in tf.resources_of("aws_eks_cluster")
	types := r.body.enabled_cluster_log_types
	is_array(types)
	every t in types {
		tf.is_known(t)
	}
	not "audit" in types
}

warn contains {
	"msg": sprintf("EKS cluster `%s` does not set `enabled_cluster_log_types` and sends no control plane logs, `audit` included", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_eks_cluster")
	unset(r.body, "enabled_cluster_log_types")
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
