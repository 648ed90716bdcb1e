#!/bin/sh
# Worker image entrypoint (run under tini): render and validate the daemon properties from the environment, then exec the JVM.
# exec makes the JVM tini's direct child, so the SIGTERM of a task stop reaches it and its shutdown hook lets every processor checkpoint.
set -eu
APP_ROOT=${APP_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$APP_ROOT"
# The jars of the KCL generation KCL_GENERATION chooses (2 or 3): kcl/jars/<version>/, as `npm run kcl:jars` lays them out.
KCL_JARS_DIR=${KCL_JARS_DIR:-$(node -p "const g = require('./dist/local/kcl-generation'); g.kclJarsDir(g.kclGenerationFromEnv(process.env))")}
# Container-aware heap; exit (and let ECS replace the task) rather than limp on after an OutOfMemoryError.
JAVA_OPTS=${JAVA_OPTS:--XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC}
PROPERTIES_FILE=$(node dist/scripts/render-worker-properties.js)
echo "entrypoint: starting the MultiLangDaemon with $PROPERTIES_FILE" >&2
# JAVA_OPTS is split on spaces on purpose (several options in one variable).
# shellcheck disable=SC2086
exec java $JAVA_OPTS -cp "$KCL_JARS_DIR/*:$(dirname "$PROPERTIES_FILE")" software.amazon.kinesis.multilang.MultiLangDaemon --properties-file "$PROPERTIES_FILE"
