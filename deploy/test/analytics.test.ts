// The analysts' side of the deployment: the curated sink, hourly compaction, the Glue catalog with projection, the Athena workgroup.
import { expect } from 'chai';
import { Match } from 'aws-cdk-lib/assertions';
import { removeSynth, statementsOfRole, synthesise, type Synthesised } from './synth-fixture';

describe('deploy: the curated dataset and its compaction', function () {
  this.timeout(300_000);
  let synth: Synthesised;
  after(() => removeSynth(synth));
  before(() => {
    synth = synthesise({
      reportFrom: 'reports@city.example',
      reportTo: 'team@city.example',
      rawRetentionDays: '730',
      deadLetterRetentionDays: '90',
      curatedRetentionDays: '365',
    });
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

  type TableInput = {
    Name: string;
    PartitionKeys: { Name: string; Type: string }[];
    Parameters: Record<string, string>;
    StorageDescriptor: {
      Columns: { Name: string; Type: string }[];
      SerdeInfo: { SerializationLibrary: string; Parameters?: Record<string, string> };
    };
  };
  const tableInputs = (): Map<string, TableInput> =>
    new Map(
      Object.values(synth.template.findResources('AWS::Glue::Table')).map((resource) => {
        const input = (resource.Properties as { TableInput: TableInput }).TableInput;
        return [input.Name, input];
      }),
    );

  it('catalogues posts, vehicle_readings, raw_records and dead_letters in one Glue database, no crawler', () => {
    synth.template.resourceCountIs('AWS::Glue::Database', 1);
    synth.template.resourceCountIs('AWS::Glue::Crawler', 0);
    expect([...tableInputs().keys()].sort()).to.deep.equal([
      'dead_letters',
      'posts',
      'raw_records',
      'vehicle_readings',
    ]);
    const posts = tableInputs().get('posts');
    expect(posts?.StorageDescriptor.SerdeInfo.SerializationLibrary).to.include('ParquetHiveSerDe');
    expect(posts?.StorageDescriptor.Columns).to.deep.include({ Name: 'hashtags', Type: 'array<string>' });
    expect(posts?.StorageDescriptor.Columns).to.deep.include({ Name: 'key_phrases', Type: 'array<string>' });
    expect(posts?.StorageDescriptor.Columns).to.deep.include({ Name: 'sentiment_label', Type: 'string' });
    const raw = tableInputs().get('raw_records');
    expect(raw?.StorageDescriptor.SerdeInfo.Parameters).to.include({
      'mapping.shard_id': 'shardId',
      'mapping.approximate_arrival_timestamp': 'approximateArrivalTimestamp',
    });
  });

  it('projects the partitions: dt and hour for the curated tables, the hour folders and the reason for the archive', () => {
    const posts = tableInputs().get('posts');
    expect(posts?.PartitionKeys.map((key) => key.Name)).to.deep.equal(['dt', 'hour']);
    expect(posts?.Parameters).to.include({
      'projection.enabled': 'true',
      'projection.dt.type': 'date',
      'projection.dt.format': 'yyyy-MM-dd',
      'projection.hour.type': 'integer',
      'projection.hour.digits': '2',
    });
    expect(JSON.stringify(posts?.Parameters['storage.location.template'])).to.include(
      '/curated/posts/dt=${dt}/hour=${hour}/',
    );
    const raw = tableInputs().get('raw_records');
    expect(raw?.Parameters).to.include({ 'projection.hour.type': 'date', 'projection.hour.format': 'yyyy/MM/dd/HH' });
    expect(JSON.stringify(raw?.Parameters['storage.location.template'])).to.include('/raw/${hour}/');
    const dead = tableInputs().get('dead_letters');
    expect(dead?.PartitionKeys.map((key) => key.Name)).to.deep.equal(['reason_folder', 'hour']);
    expect(dead?.Parameters['projection.reason_folder.values']).to.include('invalid-json');
    expect(JSON.stringify(dead?.Parameters['storage.location.template'])).to.include(
      '/errors/${reason_folder}/${hour}/',
    );
  });

  it('gives analysts an Athena workgroup with encrypted results, an enforced configuration and a scan limit', () => {
    synth.template.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        ResultConfiguration: Match.objectLike({ EncryptionConfiguration: { EncryptionOption: 'SSE_S3' } }),
      },
    });
    synth.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Id: 'expire-results', ExpirationInDays: 7 })]),
      },
    });
  });

  it('schedules no warehouse retention and no X compliance job when neither is configured', () => {
    const descriptions = Object.values(synth.template.findResources('AWS::Scheduler::Schedule')).map((r) =>
      String((r.Properties as { Description: string }).Description),
    );
    expect(
      descriptions.filter((d) => d.startsWith('Warehouse retention') || d.startsWith('X batch compliance')),
    ).to.deep.equal([]);
  });

  it('expires the raw archive, the dead letters and the curated dataset by S3 lifecycle when retention is set', () => {
    synth.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Id: 'expire-raw-archive', Prefix: 'raw/', ExpirationInDays: 730, Status: 'Enabled' }),
          Match.objectLike({ Id: 'expire-dead-letters', Prefix: 'errors/', ExpirationInDays: 90 }),
          Match.objectLike({ Id: 'expire-curated', Prefix: 'curated/', ExpirationInDays: 365 }),
        ]),
      },
    });
  });
});
