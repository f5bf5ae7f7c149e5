# METADATA
# title: CloudTrail trail excludes global service events
# description: >-
#   With `include_global_service_events = false` a trail does not record events of global services such as
#   IAM, AWS STS and CloudFront: creating access keys, attaching admin policies or assuming roles leaves no
#   trace in it. Such a trail is also necessarily single-region (AWS requires global service events on
#   multi-region trails).
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html#awscloudtrail-CreateTrail-request-IncludeGlobalServiceEvents
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#include_global_service_events
# custom:
#   id: TG-AWS-CT-004
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Remove the argument (it defaults to true) or set it to true, and make the trail multi-region:
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
package tollgate.terraform.aws.cloudtrail_global_events_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

# Only an explicit false: the argument defaults to true, and unresolved values are not judged.
warn contains {
	"msg": sprintf("CloudTrail trail `%s` sets `include_global_service_events = false` and does not record IAM, STS or CloudFront events", [r.address]),
	"path": array.concat(r.path, ["include_global_service_events"]),
} if {
	some r in tf.resources_of("aws_cloudtrail")
	tf.is_false(r.body.include_global_service_events)
}
