#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the repository's own fixtures (so they are not stored twice).
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/{terraform,kubernetes,plan,exceptions,inline}
n=0; for f in "$root"/policies/terraform/*/fixtures/*/*.tf "$root"/examples/terraform/*.tf "$root"/tests/fixtures/unresolved/*.tf; do n=$((n+1)); cp "$f" "corpus/terraform/seed-$n.tf"; done
n=0; for f in "$root"/policies/kubernetes/fixtures/*/*.yaml "$root"/examples/kubernetes/*.yaml "$root"/tests/fixtures/*/*/*.yaml; do n=$((n+1)); cp "$f" "corpus/kubernetes/seed-$n.yaml"; done
cp "$root"/tests/fixtures/exceptions/.tollgate/exceptions.yaml corpus/exceptions/seed-1.yaml
printf '%s\n' 'TG-K8S-001 until=2027-01-31 reason="debug pod" owner=sre' > corpus/inline/seed-1
printf '%s' '{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a.b","mode":"managed","type":"a","name":"b","values":{"x":[1,{"y":null}]}}]}}}' > corpus/plan/seed-1.json
echo "seeded: $(find corpus -type f | wc -l) files"
