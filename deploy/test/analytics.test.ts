// The analysts' side of the deployment: the curated sink turned on for the consumer, and the hourly compaction job.
import { expect } from 'chai';
import { removeSynth, statementsOfRole, synthesise, type Synthesised } from './synth-fixture';

describe('deploy: the curated dataset and its compaction', function () {
  this.timeout(300_000);
  let synth: Synthesised;
  after(() => removeSynth(synth));
  before(() => {
    synth = synthesise({ reportFrom: 'reports@city.example', reportTo: 'team@city.example' });
  });

  it('passes cdk-nag with the new roles acknowledged', () => {
    expect(synth.violations).to.deep.equal([]);
  });

  it('turns the curated sink on in the consumer, with rights on its prefixes', () => {
    const definitions = Object.values(synth.template.findResources('AWS::ECS::TaskDefinition'));
    const environments = definitions.map((definition) =>
      Object.fromEntries(
        (
          (
            definition.Properties as {
              ContainerDefinitions: Array<{ Environment?: { Name: string; Value: unknown }[] }>;
            }
          ).ContainerDefinitions[0]?.Environment ?? []
        ).map((pair) => [pair.Name, pair.Value]),
      ),
    );
    const consumer = environments.find((env) => env.KCL_GENERATION !== undefined);
    expect(consumer).to.include({
      CURATED_ENABLED: 'true',
      CURATED_PREFIX: 'curated',
      CURATED_STATE_PREFIX: 'curated-state',
    });
    const objects = statementsOfRole(synth.template, 'ConsumerTaskRole').find((st) => st.Sid === 'ArchiveObjects');
    expect(JSON.stringify(objects?.Resource)).to.include('/curated/*').and.include('/curated-state/*');
  });

  it('schedules compaction hourly as its own task that may delete only under the curated prefixes', () => {
    const schedules = Object.values(synth.template.findResources('AWS::Scheduler::Schedule')).map(
      (r) => r.Properties as { ScheduleExpression: string; Description: string },
    );
    expect(schedules.find((s) => s.Description.startsWith('Curated dataset'))?.ScheduleExpression).to.equal(
      'cron(20 * * * ? *)',
    );
    const compactor = statementsOfRole(synth.template, 'CuratedCompactorTaskRole');
    const objects = compactor.find((st) => st.Sid === 'ArchiveObjects');
    expect(objects?.Action).to.include('s3:DeleteObject');
    expect(JSON.stringify(objects?.Resource)).to.not.include('/raw/');
    const deletes = statementsOfRole(synth.template, '').filter((st) => st.Action.includes('s3:DeleteObject'));
    expect(deletes.every((st) => !JSON.stringify(st.Resource).includes('/raw/'))).to.equal(true);
  });
});
