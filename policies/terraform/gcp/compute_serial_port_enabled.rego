# METADATA
# title: Compute instance allows interactive serial port access
# description: >-
#   The `serial-port-enable` metadata key turns on the interactive serial console. It is reached
#   through Google's serial port proxy, so VPC firewall rules do not apply and it accepts connections
#   from any IP address: anyone holding an SSH key the instance accepts (or the IAM permission to add
#   one) reaches its console from anywhere. Set on the project metadata, it enables the console of every
#   instance of the project.
# related_resources:
#   - ref: https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#metadata
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_project_metadata_item
# custom:
#   id: TG-GCP-GCE-001
#   severity: medium
#   enforcement: block
#   remediation: |
#     Remove `serial-port-enable` (or set it to `"FALSE"`); enable the console temporarily, for one
#     instance, when debugging requires it:
#
#         resource "google_compute_instance" "app" {
#           # ...
#           metadata = {
#             serial-port-enable     = "FALSE"
#             block-project-ssh-keys = "TRUE"
#           }
#         }
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 4.5
#   resource_types: [google_compute_instance, google_compute_instance_template, google_compute_region_instance_template, google_compute_project_metadata, google_compute_project_metadata_item]
package tollgate.terraform.gcp.compute_serial_port_enabled

import data.tollgate.lib.terraform as tf
import rego.v1

key := "serial-port-enable"

# Resource types with a `metadata` map, and what each configures.
metadata_types := {
	"google_compute_instance": "Instance",
	"google_compute_instance_template": "Instance template",
	"google_compute_region_instance_template": "Instance template",
	"google_compute_project_metadata": "Project metadata",
}

deny contains {
	"msg": sprintf("%s `%s` enables the interactive serial console (`%s = %v`)", [what, r.address, key, v]),
	"path": array.concat(r.path, ["metadata", key]),
} if {
	some type, what in metadata_types
	some r in tf.resources_of(type)
	is_object(r.body.metadata)
	v := r.body.metadata[key]
	enabled(v)
}

deny contains {
	"msg": sprintf("Project metadata item `%s` enables the interactive serial console of every instance (`%s = %v`)", [r.address, key, r.body.value]),
	"path": array.concat(r.path, ["value"]),
} if {
	some r in tf.resources_of("google_compute_project_metadata_item")
	r.body.key == key
	enabled(r.body.value)
}

# Compute Engine reads boolean metadata case-insensitively; TRUE and 1 are the documented forms.
enabled(v) if v == true

enabled(v) if v == 1

enabled(v) if {
	is_string(v)
	lower(trim_space(v)) in {"true", "1", "yes", "y"}
}
