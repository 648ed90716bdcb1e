#!/bin/sh
# Worker image, build stage: fetch the KCL jars (daemon/kcl/<generation>/pom.xml, with mvn) and compile the TypeScript (the app's tsconfig only, not deploy/).
set -eu
cd "$(dirname "$0")/../.."
npm run kcl:jars --silent
npx tsc -p tsconfig.json
