import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobInvoker, JobKind, JobRequest } from '../../lib/app/jobs/marker';
import { parseInvocation } from '../../lib/app/jobs/invocation';
import { handleProcessInvocation, type ProcessEntryDeps } from '../../lib/app/process/entry';
import type { StateStore } from '../../lib/app/store';
import { emptyStats } from '../../lib/core/stats';
import { freshBucket, freshStore, putObject, s3Client } from '../support/aws';
import { fluentdKey, fluentdObject, rawFlow } from '../support/flowlog-files';
import { processDeps, registerCluster, TestClock } from '../support/process';

const T0 = Math.floor(Date.now() / 1000);
const DAY = new Date(T0 * 1000).toISOString().slice(0, 10).replace(/-/g, '');
const JOBS = { timeoutSeconds: 300, dispatchTtlSeconds: 900, dispatchParallelism: 8 };

/** Records what a tick hands to Lambda; `drain` runs the queued jobs the way Lambda would. */
class QueueInvoker implements JobInvoker {
  readonly sent: { kind: JobKind; request: JobRequest }[] = [];
  async invoke(kind: JobKind, request: JobRequest) {
    this.sent.push({ kind, request });
  }
  take() {
    return this.sent.splice(0, this.sent.length);
  }
}

function entryDeps(store: StateStore, s3: S3Client, clock: TestClock, invoker: JobInvoker, over: Partial<ProcessEntryDeps> = {}): ProcessEntryDeps {
  return { ...processDeps(store, s3, clock), invoker, newId: randomUUID, jobs: JOBS, parallelism: 2, ...over };
}

/** An archive that reports each object it opens: the tests' stand-in for time spent reading. */
function slowArchive(deps: ProcessEntryDeps, onOpen: () => void): Pick<ProcessEntryDeps, 'archive'> {
  return {
    archive: {
      list: (b, p) => deps.archive.list(b, p),
      open: (b, k) => {
        onOpen();
        return deps.archive.open(b, k);
      },
    },
  };
}

const tick = (deps: ProcessEntryDeps) => handleProcessInvocation(parseInvocation({ source: 'aws.events', 'detail-type': 'Scheduled Event' }), deps);
const job = (deps: ProcessEntryDeps, request: JobRequest) => handleProcessInvocation(parseInvocation({ job: request }), deps);

describe('processFlows fan-out (jobs against the emulators)', () => {
  let s3: S3Client;
  let bucket: string;
  beforeAll(async () => {
    s3 = s3Client();
    bucket = await freshBucket(s3);
  });

  it('a tick dispatches every due cluster once, oldest due first; jobs run them and clear their markers', async () => {
    const { store } = await freshStore();
    const clock = new TestClock(T0);
    for (const id of ['a', 'b', 'c']) await registerCluster(store, { id, flowLogs: { bucket, prefix: `fan-${id}` }, registeredAt: T0 });
    // b ran longest ago, a never ran: a, then b; c ran just now and is not due.
    const ran = (startedAt: number) => ({
      startedAt: new Date(startedAt * 1000).toISOString().replace('.000', ''),
      durationMs: 1,
      objects: { done: 0, failed: 0, skipped: 0, retried: 0, pendingLeft: 0 },
      stats: emptyStats(),
      namespacesChanged: 0,
      queued: [],
    });
    await store.updateClusterStatus('b', { lastRun: ran(T0 - 3600) });
    await store.updateClusterStatus('c', { lastRun: ran(T0 - 10) });
    await putObject(s3, bucket, fluentdKey('fan-a', DAY, 0), fluentdObject([rawFlow({ start_time: T0 - 300, end_time: T0 - 10 })]));
    const invoker = new QueueInvoker();
    const deps = entryDeps(store, s3, clock, invoker);

    const first = await tick(deps);
    expect('dispatch' in first && first.dispatch.dispatched).toEqual(['a', 'b']);
    expect(invoker.sent.map((s) => s.request.cluster)).toEqual(['a', 'b']);
    expect((await store.getCluster('a'))!.value.processJob).toMatchObject({ state: 'dispatched' });
    // A second tick while they are queued does not dispatch them again.
    const second = await tick(deps);
    expect('dispatch' in second && second.dispatch).toMatchObject({ dispatched: [], inFlight: 2 });

    for (const { request } of invoker.take()) {
      const out = await job(deps, request);
      expect('job' in out && out.job.ran).toBe(true);
    }
    expect((await store.getCluster('a'))!.value.processJob).toBeUndefined();
    expect((await store.getCluster('a'))!.value.lastRun!.objects.done).toBe(1);
    expect((await store.listRecommendations('a')).map((r) => r.value.namespace)).toEqual(['shop']);
    // A late duplicate of a finished job's event does nothing.
    const late = await job(deps, { cluster: 'a', dispatch: 'stale-dispatch' });
    expect('job' in late && late.job).toEqual({ ran: false, reason: 'superseded' });
  });

  it('a job that died without a word is a failure on a later tick, with backoff, and never holds up the others', async () => {
    const { store } = await freshStore();
    const clock = new TestClock(T0);
    for (const id of ['hang', 'ok']) await registerCluster(store, { id, flowLogs: { bucket, prefix: `dead-${id}` }, registeredAt: T0 });
    await putObject(s3, bucket, fluentdKey('dead-hang', DAY, 0), fluentdObject([rawFlow({ start_time: T0 - 300, end_time: T0 - 10 })]));
    const invoker = new QueueInvoker();
    // The archive never answers for the hanging cluster: its job marks itself running and then hangs.
    const hanging = entryDeps(store, s3, clock, invoker, {
      archive: { list: (b, p) => processDeps(store, s3, clock).archive.list(b, p), open: () => new Promise(() => undefined) },
    });
    await tick(hanging);
    const [hang, ok] = invoker.take();
    expect([hang!.request.cluster, ok!.request.cluster]).toEqual(['hang', 'ok']);
    void job(hanging, hang!.request);
    await expect.poll(async () => (await store.getCluster('hang'))!.value.processJob?.state).toBe('running');
    // The other cluster's job runs meanwhile.
    await job(entryDeps(store, s3, clock, invoker), ok!.request);
    expect((await store.getCluster('ok'))!.value.lastRun?.error).toBeUndefined();

    // Past the function's timeout the marker's deadline has passed: the next tick records the failure.
    clock.advance(JOBS.timeoutSeconds + 31);
    const later = await tick(entryDeps(store, s3, clock, invoker));
    expect('dispatch' in later && later.dispatch.deadJobs).toEqual(['hang']);
    const failed = (await store.getCluster('hang'))!.value;
    expect(failed.processJob).toBeUndefined();
    expect(failed.lastRun).toMatchObject({ consecutiveFailures: 1, nextAttemptAt: clock.now() + 60 });
    expect(failed.lastRun!.error).toMatch(/ended without recording a result \(killed, out of memory or timed out\)/);
    // In backoff: not dispatched; the healthy cluster is, once due.
    expect('dispatch' in later && later.dispatch.dispatched).toEqual(['ok']);
    invoker.take();
    clock.advance(61);
    const retry = await tick(entryDeps(store, s3, clock, invoker));
    expect('dispatch' in retry && retry.dispatch.dispatched).toContain('hang');
  });

  it('a long backlog completes across follow-up jobs with the same rules and evidence as one pass', async () => {
    const objects = 7;
    const recordsOf = (i: number) => [
      rawFlow({ start_time: T0 - 300, end_time: T0 - 10 - i, dest_port: 5000 + i }),
      rawFlow({ start_time: T0 - 300, end_time: T0 - 10, source_namespace: `ns-${i % 3}`, dest_port: 80 }),
    ];
    for (let i = 0; i < objects; i++) {
      await putObject(s3, bucket, fluentdKey('long-split', DAY, i), fluentdObject(recordsOf(i)));
      await putObject(s3, bucket, fluentdKey('long-whole', DAY, i), fluentdObject(recordsOf(i)));
    }
    const { store } = await freshStore();
    const clock = new TestClock(T0);
    await registerCluster(store, { id: 'split', flowLogs: { bucket, prefix: 'long-split' }, registeredAt: T0 });
    await registerCluster(store, { id: 'whole', flowLogs: { bucket, prefix: 'long-whole' }, registeredAt: T0 });
    const invoker = new QueueInvoker();
    // Two objects per batch and time for one batch per job (each object read "takes" half of it):
    // the backlog of seven takes four jobs.
    const small = entryDeps(store, s3, clock, invoker, { limits: { ...processDeps(store, s3, clock).limits, maxObjectsPerBatch: 2 } });
    let opened = 0;
    const timed = { ...small, ...slowArchive(small, () => ++opened), budget: { remainingMs: () => (opened >= 2 ? 0 : 600_000) } };
    await tick(small);
    const jobs: string[] = [];
    for (let sent = invoker.take(); sent.length > 0; sent = invoker.take()) {
      for (const { request } of sent) {
        if (request.cluster !== 'split') continue;
        jobs.push(request.dispatch);
        opened = 0;
        const out = await job(timed, request);
        if (!('job' in out) || !out.job.ran) throw new Error('job did not run');
      }
    }
    expect(jobs.length).toBe(4);
    await handleProcessInvocation({ kind: 'manual', clusters: ['whole'], force: true }, entryDeps(store, s3, clock, invoker));
    const split = await store.listRecommendations('split');
    const whole = await store.listRecommendations('whole');
    expect(split.map((r) => r.value)).toEqual(whole.map((r) => r.value));
    expect((await store.getCluster('split'))!.value.lastRun!.objects.pendingLeft).toBe(0);
  });

  it('the summary reports the real backlog, not one batch of it', async () => {
    const { store } = await freshStore();
    const clock = new TestClock(T0);
    await registerCluster(store, { id: 'backlog', flowLogs: { bucket, prefix: 'backlog' }, registeredAt: T0 });
    for (let i = 0; i < 9; i++) await putObject(s3, bucket, fluentdKey('backlog', DAY, i), fluentdObject([rawFlow({ start_time: T0 - 300, end_time: T0 - 10 })]));
    let opened = 0;
    const base = entryDeps(store, s3, clock, new QueueInvoker(), { limits: { ...processDeps(store, s3, clock).limits, maxObjectsPerBatch: 2 } });
    const deps = { ...base, ...slowArchive(base, () => ++opened), budget: { remainingMs: () => (opened >= 2 ? 0 : 600_000) } };
    const out = await handleProcessInvocation({ kind: 'manual', clusters: ['backlog'], force: true }, deps);
    expect('results' in out && out.results[0]!.outcome).toMatchObject({ ran: true, more: true, summary: { objects: { done: 2, pendingLeft: 7 } } });
  });
});
