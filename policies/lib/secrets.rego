# METADATA
# title: Secret helpers
# description: >-
#   Recognising credentials in values (token formats, private keys), masking them for messages, telling
#   placeholders from values, and listing the strings nested in a document without `walk`.
package tollgate.lib.secrets

import rego.v1

# Credential formats recognised in free text: [label for messages, regular expression].
# The expressions need the token to stand on its own (word boundaries), so that longer identifiers that merely
# contain such a prefix are not taken for tokens. AWS's documented example key (AKIAIOSFODNN7EXAMPLE) is a
# key like any other here: it is not skipped.
token_patterns := [
	["an AWS access key ID", `\b(AKIA|ASIA)[0-9A-Z]{16}\b`],
	["a GitHub token", `\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b`],
	["a Slack token", `\bxox[abprs]-[0-9]{6,}(-[0-9A-Za-z]{6,}){1,3}\b`],
	["a Google API key", `\bAIza[0-9A-Za-z_-]{35}([^0-9A-Za-z_-]|$)`],
]

# A PEM private key (PKCS#1, PKCS#8, EC, OpenSSH, PGP, encrypted or not) with a body: the header must be
# followed (after optional `Proc-Type:`-style header lines) by base64 text, so a template such as
# "-----BEGIN RSA PRIVATE KEY-----\n${var.key}" or a documentation stub is not a key. Newlines may be real or,
# in JSON-encoded text, `\n` (with any number of backslashes: JSON encoded twice, as by `may_hold_credentials`
# over a `jsonencode`d argument).
private_key_pattern := `-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----(\\+[nr]|\s)+([A-Za-z-]+: [^\n\\]*(\\+[nr]|\s)+)*[A-Za-z0-9+/=]{20,}`

# One expression for every format: most strings match none of them, and one match is cheaper than five.
_any_pattern := concat("|", array.concat([p | some [_, p] in token_patterns], [private_key_pattern]))

# Whether any string in `x` may hold a credential: one match over its JSON text, so that documents without
# any (nearly all) skip listing their strings. JSON escapes newlines as `\n`, which the private key
# pattern accepts.
may_hold_credentials(x) if {
	s := json.marshal(x)
	# Plain substring checks first: regorus' compiled-regex cache is one lock shared by every
	# thread, and nearly no document holds any of these.
	some literal in _prefilter_literals
	contains(s, literal)
	regex.match(_prefilter, s)
}

_prefilter_literals := ["AKIA", "ASIA", "gh", "xox", "AIza", "-----BEGIN"]

# Looser than the formats (no word boundaries, which JSON escapes such as `\nAKIA...` would defeat).
_prefilter := `(AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_|xox[abprs]-[0-9]{6,}|AIza[0-9A-Za-z_-]{35}|-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY`

# [[label, masked match]] for each credential found in string `s` (one per format).
credentials_in(s) := [] if not regex.match(_any_pattern, s)

credentials_in(s) := array.concat(
	[[label, mask(m[0])] | some [label, p] in token_patterns; m := regex.find_n(p, s, 1); count(m) > 0],
	[["a private key", header] |
		regex.match(private_key_pattern, s)
		header := regex.find_n(`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`, s, 1)[0]
	],
) if regex.match(_any_pattern, s)

# A value for messages: its first four characters, the rest masked.
mask(s) := sprintf("%s****", [substring(s, 0, 4)])

# Values that stand for a credential without being one: empty, unresolved references and templates
# (`${var.x}`, `%{...}`, `{{ .Values.x }}`), `<...>`, `changeme`-style words and runs of `x` / `*`.
placeholder(v) if trim_space(v) == ""

placeholder(v) if contains(v, "${")

placeholder(v) if contains(v, "%{")

placeholder(v) if contains(v, "{{")

placeholder(v) if regex.match(`^\s*<[^>]*>\s*$`, v)

placeholder(v) if lower(trim_space(v)) in placeholder_words

placeholder(v) if regex.match(`^\s*([xX]+|\*+|\.+)\s*$`, v)

placeholder_words := {
	"changeme", "change-me", "change_me", "changeit", "replaceme", "replace-me", "replace_me", "placeholder",
	"todo", "tbd", "none", "null", "redacted", "secret", "password", "your-password", "your_password",
}

# [path, value] of every string in `x`, relative to `x`, down to 12 levels of nesting (`x` itself is level 0).
# Spelled out level by level because Rego has no recursion and regorus' VM compiles no `walk` loops.
# 12 levels reach a CronJob container's env value (10 levels below the document root) and an Argo
# CronWorkflow's DAG task argument (11); Terraform bodies nest far less.
strings_in(x) := [[p, v] | some [p, v] in nodes; is_string(v)] if {
	l0 := [[[], x]]
	l1 := _children(l0)
	l2 := _children(l1)
	l3 := _children(l2)
	l4 := _children(l3)
	l5 := _children(l4)
	l6 := _children(l5)
	l7 := _children(l6)
	l8 := _children(l7)
	l9 := _children(l8)
	l10 := _children(l9)
	l11 := _children(l10)
	l12 := _children(l11)
	nodes := array.concat(
		array.concat(array.concat(array.concat(l0, l1), array.concat(l2, l3)), array.concat(array.concat(l4, l5), array.concat(l6, l7))),
		array.concat(array.concat(array.concat(l8, l9), array.concat(l10, l11)), l12),
	)
}

_children(nodes) := [[array.concat(p, [k]), c] |
	some [p, v] in nodes
	_collection(v)
	some k, c in v
]

_collection(v) if is_object(v)

_collection(v) if is_array(v)

# A path for messages: `env[0].value`, `data["app.properties"]`.
path_text(path) := concat("", [_segment(i, s) | some i, s in path])

_segment(i, s) := sprintf("[%d]", [s]) if is_number(s)

_segment(i, s) := s if {
	is_string(s)
	i == 0
	regex.match(`^[A-Za-z_][A-Za-z0-9_-]*$`, s)
}

_segment(i, s) := sprintf(".%s", [s]) if {
	is_string(s)
	i > 0
	regex.match(`^[A-Za-z_][A-Za-z0-9_-]*$`, s)
}

_segment(i, s) := sprintf("[\"%s\"]", [s]) if {
	is_string(s)
	not regex.match(`^[A-Za-z_][A-Za-z0-9_-]*$`, s)
}
