#!/bin/sh
# Worker image, build stage: copies what the runtime needs (compiled code, jars, properties, entrypoint, manifests) into OUT.
# The Dockerfile then installs production dependencies there; the tests run the entrypoint from OUT with the repo's node_modules.
set -eu
OUT=${1:?usage: stage-app.sh OUT}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
for required in dist/consumer/main.js dist/scripts/render-worker-properties.js daemon/kcl/jars; do
  [ -e "$required" ] || { echo "stage-app: $required is missing (run deploy/image/build-app.sh first)" >&2; exit 1; }
done
mkdir -p "$OUT/dist" "$OUT/deploy/image"
# Every compiled product folder (a new one is staged without editing this list); tests, benchmarks and the CDK app stay out.
for built in dist/*/; do
  folder=$(basename "$built")
  case "$folder" in test|bench|deploy) continue ;; esac
  rm -rf "${OUT:?}/dist/$folder"
  cp -R "dist/$folder" "$OUT/dist/$folder"
done
rm -rf "$OUT/properties" "${OUT:?}/daemon/kcl/jars"
cp -R properties "$OUT/properties"
# Every generation's jars, daemon/kcl/jars/<version>/ (the entrypoint picks one generation).
mkdir -p "$OUT/daemon/kcl"
cp -R daemon/kcl/jars "$OUT/daemon/kcl/jars"
cp package.json package-lock.json "$OUT/"
cp deploy/image/entrypoint.sh "$OUT/deploy/image/entrypoint.sh"
chmod 0755 "$OUT/deploy/image/entrypoint.sh"
echo "stage-app: staged the worker app in $OUT" >&2
