# METADATA
# title: Load balancer listener uses an outdated TLS policy
# description: >-
#   The listener's security policy decides which TLS versions and ciphers clients may negotiate. Older policies
#   (such as the `ELBSecurityPolicy-2016-08` default) accept TLS 1.0/1.1 and weak CBC/SHA-1 ciphers that no longer
#   meet PCI DSS or NIST guidance. Use a TLS 1.2+ policy, preferably one of the TLS 1.3 policies.
# related_resources:
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-17
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_listener#ssl_policy
# custom:
#   id: TG-AWS-ELB-002
#   severity: medium
#   enforcement: block
#   remediation: |
#     Select a modern security policy on HTTPS/TLS listeners:
#
#         resource "aws_lb_listener" "https" {
#           # ...
#           protocol        = "HTTPS"
#           ssl_policy      = "ELBSecurityPolicy-TLS13-1-2-2021-06"
#           certificate_arn = aws_acm_certificate.web.arn
#         }
#   frameworks:
#     - AWS Foundational Security Best Practices ELB.17
#     - NIST SP 800-52 Rev. 2
#     - PCI DSS 4.1
#   resource_types: [aws_lb_listener, aws_alb_listener]
package tollgate.terraform.aws.alb_outdated_tls_policy

import data.tollgate.lib.terraform as tf
import rego.v1

listener_types := ["aws_lb_listener", "aws_alb_listener"]

modern_policies := {"ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06"}

# TLS13 policies that still accept TLS 1.0 / 1.1 are not modern.
legacy_tls13_prefixes := ["ELBSecurityPolicy-TLS13-1-0-", "ELBSecurityPolicy-TLS13-1-1-"]

deny contains {
	"msg": sprintf("Load balancer listener `%s` uses the outdated TLS policy `%s`", [r.address, r.body.ssl_policy]),
	"path": array.concat(r.path, ["ssl_policy"]),
} if {
	some type in listener_types
	some r in tf.resources_of(type)
	is_string(r.body.ssl_policy)
	r.body.ssl_policy != ""
	tf.is_known(r.body.ssl_policy)
	not modern(r.body.ssl_policy)
}

deny contains {
	"msg": sprintf("%s listener `%s` sets no `ssl_policy` (default `ELBSecurityPolicy-2016-08` accepts TLS 1.0)", [r.body.protocol, r.address]),
	"path": r.path,
} if {
	some type in listener_types
	some r in tf.resources_of(type)
	r.body.protocol in {"HTTPS", "TLS"}
	no_policy(r.body)
}

modern(policy) if policy in modern_policies

modern(policy) if {
	startswith(policy, "ELBSecurityPolicy-TLS13-")
	not strings.any_prefix_match(policy, legacy_tls13_prefixes)
}

modern(policy) if startswith(policy, "ELBSecurityPolicy-FS-1-2-")

no_policy(body) if body.ssl_policy == ""

no_policy(body) if unset(body, "ssl_policy")

# Not set: absent from the configuration, or null in a plan (a plan omits only unknown values).
unset(body, key) if {
	not is_object(input.planned_values)
	not key in object.keys(body)
}

unset(body, key) if {
	key in object.keys(body)
	body[key] == null
}
