# METADATA
# title: CloudTrail trail not multi-region
# description: >-
#   A single-region trail records API activity in its home region only; an attacker working in any other region
#   (launching instances for crypto-mining, creating resources to persist) leaves no trace in it. A multi-region
#   trail also captures global service events in every region you may not use yet.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-1
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#is_multi_region_trail
# custom:
#   id: TG-AWS-CT-001
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Make the trail record every region:
#
#         resource "aws_cloudtrail" "main" {
#           # ...
#           is_multi_region_trail         = true
#           include_global_service_events = true
#         }
#   frameworks:
#     - CIS AWS Foundations Benchmark v3.0.0 3.1
#     - AWS Foundational Security Best Practices CloudTrail.1
#     - NIST SP 800-53 AU-2, AU-12
#   resource_types: [aws_cloudtrail]
package tollgate.terraform.aws.cloudtrail_not_multi_region

import data.tollgate.lib.terraform as tf
import rego.v1

warn contains {
	"msg": sprintf("CloudTrail trail `%s` sets `is_multi_region_trail = false`", [r.address]),
	"path": array.concat(r.path, ["is_multi_region_trail"]),
} if {
	some r in tf.resources_of("aws_cloudtrail")
	tf.is_false(r.body.is_multi_region_trail)
}

warn contains {
	"msg": sprintf("CloudTrail trail `%s` does not set `is_multi_region_trail = true` (default false)", [r.address]),
	"path": r.path,
} if {
	some r in tf.resources_of("aws_cloudtrail")
	unset(r.body, "is_multi_region_trail")
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
