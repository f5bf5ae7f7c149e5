# METADATA
# title: S3 bucket with a public ACL
# description: >-
#   A canned ACL such as `public-read` or a grant to the `AllUsers` / `AuthenticatedUsers` groups lets anyone
#   on the internet (or any AWS account holder) list or read the bucket's objects, and `public-read-write`
#   also lets them write. Public ACLs are the most common cause of S3 data leaks.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_acl
# custom:
#   id: TG-AWS-S3-001
#   severity: critical
#   enforcement: block
#   remediation: |
#     Use the `private` canned ACL, or better disable ACLs altogether with bucket-owner-enforced object ownership,
#     and grant access through a bucket policy to named principals (or CloudFront origin access control):
#
#         resource "aws_s3_bucket_ownership_controls" "site" {
#           bucket = aws_s3_bucket.site.id
#           rule {
#             object_ownership = "BucketOwnerEnforced"
#           }
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices S3.2, S3.3
#     - NIST SP 800-53 AC-3
#   resource_types: [aws_s3_bucket, aws_s3_bucket_acl]
package tollgate.terraform.aws.s3_bucket_public_acl

import data.tollgate.lib.terraform as tf
import rego.v1

public_acls := {"public-read", "public-read-write", "authenticated-read"}

public_groups := {"AllUsers", "AuthenticatedUsers"}

kind := {"aws_s3_bucket": "S3 bucket", "aws_s3_bucket_acl": "S3 bucket ACL"}

# Canned ACL on the bucket (legacy inline `acl`) or on an aws_s3_bucket_acl.
deny contains {
	"msg": sprintf("%s `%s` uses the public canned ACL `%s`", [kind[type], r.address, r.body.acl]),
	"path": array.concat(r.path, ["acl"]),
} if {
	some type in ["aws_s3_bucket", "aws_s3_bucket_acl"]
	some r in tf.resources_of(type)
	r.body.acl in public_acls
}

# Grants to the AllUsers / AuthenticatedUsers groups in an aws_s3_bucket_acl access_control_policy.
deny contains {
	"msg": sprintf("S3 bucket ACL `%s` grants %s to the `%s` group", [r.address, permission(grant), group]),
	"path": array.concat(r.path, ["access_control_policy", i, "grant", j, "grantee", k, "uri"]),
} if {
	some r in tf.resources_of("aws_s3_bucket_acl")
	some i, acp in blocks(r.body, "access_control_policy")
	some j, grant in blocks(acp, "grant")
	some k, grantee in blocks(grant, "grantee")
	group := public_group(grantee.uri)
}

# Legacy inline `grant` blocks of aws_s3_bucket.
deny contains {
	"msg": sprintf("S3 bucket `%s` grants %s to the `%s` group", [r.address, permissions(grant), group]),
	"path": array.concat(r.path, ["grant", j, "uri"]),
} if {
	some r in tf.resources_of("aws_s3_bucket")
	some j, grant in blocks(r.body, "grant")
	group := public_group(grant.uri)
}

public_group(uri) := group if {
	is_string(uri)
	parts := split(trim_right(uri, "/"), "/")
	group := parts[count(parts) - 1]
	group in public_groups
	contains(uri, "acs.amazonaws.com/groups/global/")
}

permission(grant) := sprintf("`%s`", [grant.permission]) if is_string(grant.permission)

permission(grant) := "access" if not is_string(grant.permission)

permissions(grant) := sprintf("`%s`", [concat(", ", [p | some p in grant.permissions; is_string(p)])]) if is_array(grant.permissions)

permissions(grant) := "access" if not is_array(grant.permissions)

# The blocks of a nested block type, by their index in the list.
blocks(body, field) := {i: b | some i, b in body[field]; is_object(b)} if is_array(body[field])

blocks(body, field) := {} if not is_array(body[field])
