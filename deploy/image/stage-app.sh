#!/bin/sh
# Worker image, build stage: copies what the runtime needs (compiled code, jars, properties, entrypoint, manifests) into OUT.
# The Dockerfile then installs production dependencies there; the tests run the entrypoint from OUT with the repo's node_modules.
set -eu
OUT=${1:?usage: stage-app.sh OUT}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
for required in dist/consumer/main.js dist/scripts/render-worker-properties.js kcl/jars; do
  [ -e "$required" ] || { echo "stage-app: $required is missing (run deploy/image/build-app.sh first)" >&2; exit 1; }
done
mkdir -p "$OUT/dist" "$OUT/kcl" "$OUT/deploy/image"
for folder in common consumer local operator people producer scripts; do
  rm -rf "${OUT:?}/dist/$folder"
  cp -R "dist/$folder" "$OUT/dist/$folder"
done
rm -rf "$OUT/properties" "${OUT:?}/kcl/jars"
cp -R properties "$OUT/properties"
# Every generation's jars, kcl/jars/<version>/ (the entrypoint picks one generation).
cp -R kcl/jars "$OUT/kcl/jars"
cp package.json package-lock.json "$OUT/"
cp deploy/image/entrypoint.sh "$OUT/deploy/image/entrypoint.sh"
chmod 0755 "$OUT/deploy/image/entrypoint.sh"
echo "stage-app: staged the worker app in $OUT" >&2
