# METADATA
# title: Instance uses the default service account with full API access
# description: >-
#   An instance whose `service_account` block names no email (or the Compute Engine default service
#   account, `PROJECT_NUMBER-compute@developer.gserviceaccount.com`) with the `cloud-platform` scope gets
#   a token that can call every Google Cloud API with the default account's permissions, which include
#   the project-wide Editor role unless an organization policy removed it. Any process on the instance,
#   or any SSRF to the metadata server, can then modify most of the project.
# related_resources:
#   - ref: https://cloud.google.com/compute/docs/access/service-accounts#default_service_account
#   - ref: https://cloud.google.com/compute/docs/access/create-enable-service-accounts-for-instances
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#service_account
# custom:
#   id: TG-GCP-GCE-002
#   severity: high
#   enforcement: block
#   remediation: |
#     Create a service account for the workload, grant it only the roles it needs, and attach it:
#
#         resource "google_service_account" "app" {
#           account_id = "app-vm"
#         }
#
#         resource "google_compute_instance" "app" {
#           # ...
#           service_account {
#             email  = google_service_account.app.email
#             scopes = ["cloud-platform"]
#           }
#         }
#   frameworks:
#     - CIS Google Cloud Platform Foundation Benchmark v3.0.0 4.2
#   resource_types: [google_compute_instance, google_compute_instance_template, google_compute_region_instance_template]
package tollgate.terraform.gcp.compute_default_service_account_full_access

import data.tollgate.lib.terraform as tf
import rego.v1

instance_types := {"google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"}

full_access_scopes := {"cloud-platform", "https://www.googleapis.com/auth/cloud-platform"}

deny contains {
	"msg": sprintf("`%s` runs as %s with the `cloud-platform` scope (full access to all Cloud APIs)", [r.address, account(sa)]),
	"path": array.concat(r.path, ["service_account", i, "scopes"]),
} if {
	some type in instance_types
	some r in tf.resources_of(type)
	is_array(r.body.service_account)
	some i, sa in r.body.service_account
	is_object(sa)
	default_account(r, sa)
	is_array(sa.scopes)
	some s in sa.scopes
	s in full_access_scopes
}

# No email: Compute Engine attaches its default service account.
default_account(r, sa) if unset(r, sa, "email")

default_account(_, sa) if sa.email == ""

default_account(_, sa) if sa.email == "default"

default_account(_, sa) if {
	is_string(sa.email)
	regex.match(`^[0-9]+-compute@developer\.gserviceaccount\.com$`, sa.email)
}

# Module inputs such as `"${data.google_compute_default_service_account.default.email}"`.
default_account(_, sa) if {
	is_string(sa.email)
	contains(sa.email, "data.google_compute_default_service_account.")
}

account(sa) := sprintf("`%s`", [sa.email]) if {
	is_string(sa.email)
	sa.email != ""
	tf.is_known(sa.email)
}

else := "the Compute Engine default service account"

# Not set: absent from a configuration; in a plan, present as null (a plan leaves out values known
# only after apply, such as the email of a service account created in the same run).
unset(r, obj, attr) if {
	r.path[0] != "planned_values"
	object.get(obj, attr, null) == null
}

unset(r, obj, attr) if {
	r.path[0] == "planned_values"
	attr in object.keys(obj)
	obj[attr] == null
}
