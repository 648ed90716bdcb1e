// Mocha reporter: the spec reporter's output, then one closing line "N passed, N failed" and the same counts as JSON for CI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  public constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    runner.on(EVENT_TEST_PASS, () => {
      passed += 1;
    });
    runner.on(EVENT_TEST_FAIL, () => {
      failed += 1;
    });
    runner.on(EVENT_TEST_PENDING, () => {
      skipped += 1;
    });
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.MOCHA_SUMMARY_FILE ?? path.join('dist', 'test-summary.json');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ passed, failed, skipped }));
      // Printed after the spec reporter's epilogue so it is the run's last line.
      process.nextTick(() => console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`));
    });
  }
}

export = SummaryReporter;
