// The monitor's default failover time is the daemon's failoverTimeMillis in every properties template (review §2, row 15).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { MONITOR_SETTINGS } from '../../../../operator/monitor/monitor-settings';
import { parseProperties } from '../../../../daemon/kcl-properties/properties-file';
import { KCL_GENERATIONS, PROPERTIES_TEMPLATES } from '../../../../daemon/kcl-generation';
import { REPO_ROOT } from '../../../../common/repo-root';

describe('the failover time the monitor assumes', () => {
  const templates = KCL_GENERATIONS.flatMap((g) => [PROPERTIES_TEMPLATES[g].local, PROPERTIES_TEMPLATES[g].production]);

  for (const template of templates) {
    it(`is failoverTimeMillis of ${template}`, () => {
      const entries = parseProperties(fs.readFileSync(path.join(REPO_ROOT, template), 'utf8'));
      const failover = entries.filter((e) => e.key === 'failoverTimeMillis').map((e) => Number(e.value));
      expect(failover, 'failoverTimeMillis set once').to.have.length(1);
      expect(failover[0]).to.equal(MONITOR_SETTINGS.failoverTimeMs.default);
    });
  }
});
