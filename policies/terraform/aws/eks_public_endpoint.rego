# METADATA
# title: EKS API endpoint open to the internet
# description: >-
#   The EKS public endpoint is on by default and, without `public_access_cidrs`, accepts connections from any
#   address (`0.0.0.0/0`). The Kubernetes API then is one leaked kubeconfig, token or API-server vulnerability away
#   from the whole internet. Use the private endpoint, or restrict the public one to known CIDR ranges.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-1
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#vpc_config
# custom:
#   id: TG-AWS-EKS-001
#   severity: high
#   enforcement: block
#   remediation: |
#     Turn the public endpoint off, or allow only trusted ranges:
#
#         vpc_config {
#           subnet_ids              = var.private_subnet_ids
#           endpoint_private_access = true
#           endpoint_public_access  = false
#           # or: endpoint_public_access = true with
#           # public_access_cidrs = ["203.0.113.0/24"]
#         }
#   frameworks:
#     - CIS Amazon EKS Benchmark v1.1.0 5.4.1
#     - AWS Foundational Security Best Practices EKS.1
#     - NIST SP 800-53 AC-4, SC-7
#   resource_types: [aws_eks_cluster]
package tollgate.terraform.aws.eks_public_endpoint

import data.tollgate.lib.terraform as tf
import rego.v1

# public_access_cidrs containing 0.0.0.0/0.
deny contains {
	"msg": sprintf("EKS cluster `%s` exposes its public API endpoint to `0.0.0.0/0`", [r.address]),
	"path": array.concat(r.path, ["vpc_config", i, "public_access_cidrs"]),
} if {
	some r in tf.resources_of("aws_eks_cluster")
	some i, vpc in blocks(r.body, "vpc_config")
	public_endpoint(vpc)
	is_array(vpc.public_access_cidrs)
	"0.0.0.0/0" in vpc.public_access_cidrs
}

# Public endpoint without public_access_cidrs (defaults to 0.0.0.0/0).
deny contains {
	"msg": sprintf("EKS cluster `%s` has a public API endpoint open to any address (no `public_access_cidrs`)", [r.address]),
	"path": endpoint_path(r, i, vpc),
} if {
	some r in tf.resources_of("aws_eks_cluster")
	some i, vpc in blocks(r.body, "vpc_config")
	public_endpoint(vpc)
	unset(vpc, "public_access_cidrs")
}

# endpoint_public_access defaults to true.
public_endpoint(vpc) if tf.is_true(vpc.endpoint_public_access)

public_endpoint(vpc) if unset(vpc, "endpoint_public_access")

endpoint_path(r, i, vpc) := array.concat(r.path, ["vpc_config", i, "endpoint_public_access"]) if {
	tf.is_true(vpc.endpoint_public_access)
} else := array.concat(r.path, ["vpc_config", i])

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
}
