// The collector through a Kinesis outage (fault kinesis-outage, short form): Kinesis goes away mid-run, the journal keeps the posts, the next start sends them.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureStream } from '../../../local/stand-ins/stream-setup';
import { KinesisOutageProxy } from '../../../local/soak/kinesis-outage-proxy';
import { FakeXApiServer, xTweet, type StreamStep } from '../../fakes/fake-x-api-server';
import { startKinesisStandIn, type KinesisStandIn } from '../../support/kinesis-stand-in';
import { readWholeStream } from '../../support/kinesis-stream-reader';
import { runCollectCli } from '../../support/run-collect-cli';

const TOKEN = 'outage-token';
const STREAM = 'collect-outage';

async function idsInStream(standIn: KinesisStandIn): Promise<string[]> {
  return (await readWholeStream(standIn.client, STREAM)).userRecords.map(
    (record) => (JSON.parse(record.data.toString('utf8')) as { id: string }).id,
  );
}

describe('collector: Kinesis outage (integration)', function () {
  this.timeout(240_000);
  let standIn: KinesisStandIn;
  let proxy: KinesisOutageProxy;
  let dir: string;

  before(async () => {
    standIn = await startKinesisStandIn();
    proxy = await KinesisOutageProxy.start(Number(new URL(standIn.emulator.endpoint).port));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collect-outage-'));
  });

  after(async () => {
    await proxy?.stop();
    await standIn?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loses no post: every post received is in the stream once, those received during the outage after the next start', async () => {
    await ensureStream(standIn.client, STREAM, 2);
    // 60 posts over about 9 s; numeric-looking ids above 2^53.
    const ids = Array.from({ length: 60 }, (_, n) => String(1865123456789012000n + BigInt(n)));
    const steps: StreamStep[] = ids.flatMap((id, n) => [
      { tweet: xTweet(id, `Post ${n} about the low emission zone #ZBE`, `vecina${n % 7}`) },
      { waitMs: 130 },
    ]);
    const fake = new FakeXApiServer(TOKEN, [{ steps }]);
    await fake.start();
    const env = { X_BEARER_TOKEN: TOKEN, X_API_BASE_URL: fake.endpoint, AWS_ENDPOINT_URL_KINESIS: proxy.endpoint };
    const args = [
      ...['--source', 'x', '--hashtag', 'ZBE', '--stream', STREAM, '--json'],
      ...['--journal-dir', path.join(dir, 'journal'), '--read-ledger', path.join(dir, 'x-reads.json')],
      ...['--position-file', path.join(dir, 'position.json'), '--log-file', path.join(dir, 'collect.log')],
    ];
    try {
      const first = runCollectCli([...args, '--duration', '20'], env, 180_000);
      // Kinesis goes away once the first posts are stored, for the rest of the run.
      while ((await idsInStream(standIn)).length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
      await proxy.cut();
      const down = await first;
      const storedBefore = await idsInStream(standIn);
      expect(down.code, down.stderr).to.equal(1);
      expect(down.stderr).to.match(/post\(s\) wait in the journal/);
      const summary = JSON.parse(down.stdout) as { collected: number; succeeded: number; unsent: number };
      // X sends in order; on a slow machine the run may end before the last few arrive: what it received is the rule.
      expect(summary.collected).to.be.at.least(40);
      const received = ids.slice(0, summary.collected);
      expect(summary.unsent).to.equal(summary.collected - storedBefore.length);
      expect(summary.unsent).to.be.above(0);

      // Kinesis is back; the next start replays the journal (X sends nothing new).
      await proxy.restore();
      const again = await runCollectCli([...args, '--duration', '4'], {
        ...env,
        X_API_BASE_URL: (await restartedFake()).endpoint,
      });
      expect(again.code, again.stderr).to.equal(0);
      expect(JSON.parse(again.stdout)).to.include({ succeeded: summary.unsent, unsent: 0 });
      const inStream = await idsInStream(standIn);
      expect([...inStream].sort()).to.deep.equal([...received].sort());
      expect(new Set(inStream).size).to.equal(inStream.length);
    } finally {
      await fake.stop();
    }
  });

  /** A fake X with nothing to send, stopped with the suite. */
  let idle: FakeXApiServer | undefined;
  async function restartedFake(): Promise<FakeXApiServer> {
    idle = new FakeXApiServer(TOKEN, []);
    await idle.start();
    return idle;
  }
  after(async () => idle?.stop());
});
