# METADATA
# title: OS Login disabled
# description: >-
#   With `enable-oslogin = FALSE`, SSH access to instances is governed by SSH keys in project or instance
#   metadata instead of IAM: keys are not tied to a user account, are not revoked when the person leaves
#   and cannot require 2-step verification. Set on an instance, it overrides OS Login enabled for the
#   project.
# related_resources:
#   - ref: https://cloud.google.com/compute/docs/oslogin
#   - ref: https://cloud.google.com/compute/docs/oslogin/set-up-oslogin
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_project_metadata_item
# custom:
#   id: TG-GCP-GCE-004
#   severity: medium
#   enforcement: warn
#   remediation: |
#     Enable OS Login for the project and remove instance-level overrides; grant SSH access with the
#     `roles/compute.osLogin` role:
#
#         resource "google_compute_project_metadata_item" "oslogin" {
#           key   = "enable-oslogin"
#           value = "TRUE"
#         }
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 4.4
#   resource_types: [google_compute_instance, google_compute_instance_template, google_compute_region_instance_template, google_compute_project_metadata, google_compute_project_metadata_item]
package tollgate.terraform.gcp.compute_oslogin_disabled

import data.tollgate.lib.terraform as tf
import rego.v1

key := "enable-oslogin"

metadata_types := {
	"google_compute_instance": "Instance",
	"google_compute_instance_template": "Instance template",
	"google_compute_region_instance_template": "Instance template",
	"google_compute_project_metadata": "Project metadata",
}

warn contains {
	"msg": sprintf("%s `%s` disables OS Login (`%s = %v`)", [what, r.address, key, v]),
	"path": array.concat(r.path, ["metadata", key]),
} if {
	some type, what in metadata_types
	some r in tf.resources_of(type)
	is_object(r.body.metadata)
	v := r.body.metadata[key]
	disabled(v)
}

warn contains {
	"msg": sprintf("Project metadata item `%s` disables OS Login (`%s = %v`)", [r.address, key, r.body.value]),
	"path": array.concat(r.path, ["value"]),
} if {
	some r in tf.resources_of("google_compute_project_metadata_item")
	r.body.key == key
	disabled(r.body.value)
}

# Compute Engine reads boolean metadata case-insensitively.
disabled(v) if v == false

disabled(v) if v == 0

disabled(v) if {
	is_string(v)
	lower(trim_space(v)) in {"false", "0", "no", "n"}
}
