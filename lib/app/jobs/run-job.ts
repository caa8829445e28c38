import type { Clock } from '../../core/engine';
import { describeError } from '../errors';
import type { ClusterStore } from '../store';
import { failedJobSummary } from './dead-job';
import { sendOrRelease } from './dispatch';
import { SUMMARY_FIELD, type JobInvoker, type JobKind, type JobMarker, type JobRequest, type JobsSettings } from './marker';

export interface JobDeps {
  readonly store: ClusterStore;
  readonly invoker: JobInvoker;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly jobs: JobsSettings;
}

/** What the cluster's work reports: `more` hands the rest of the backlog to a follow-up job. */
export interface JobWork<T> {
  readonly value: T;
  readonly more: boolean;
}

export type JobOutcome<T> =
  | { readonly ran: true; readonly value: T; readonly followUp?: string }
  | { readonly ran: false; readonly reason: 'superseded' | 'gone' }
  | { readonly ran: false; readonly reason: 'error'; readonly error: string };

/** Slack after the Lambda timeout before a running job is declared dead (clock skew, shutdown). */
const DEAD_AFTER_TIMEOUT_SECONDS = 30;

/**
 * One cluster's job, started by a tick (or by the job before it): mark it running before
 * anything else, do the work, then remove the marker or hand it to a follow-up job. A job whose
 * dispatch was replaced (its event came too late) does nothing.
 */
export async function runJob<T>(kind: JobKind, request: JobRequest, deps: JobDeps, work: () => Promise<JobWork<T>>): Promise<JobOutcome<T>> {
  const startedAt = deps.clock.now();
  const running: JobMarker = { id: request.dispatch, state: 'running', at: startedAt, deadline: startedAt + deps.jobs.timeoutSeconds + DEAD_AFTER_TIMEOUT_SECONDS };
  if (!(await deps.store.swapJobMarker(request.cluster, kind, running, request.dispatch))) return { ran: false, reason: 'superseded' };

  let done: JobWork<T>;
  try {
    done = await work();
  } catch (err) {
    // The work could not record its own summary (e.g. the store failed): record one here, if we can.
    const error = describeError(err);
    const cluster = (await deps.store.getCluster(request.cluster).catch(() => undefined))?.value;
    const status = cluster ? { [SUMMARY_FIELD[kind]]: failedJobSummary(kind, cluster, startedAt, deps.clock.now(), error) } : {};
    await deps.store.swapJobMarker(request.cluster, kind, null, request.dispatch, status).catch(() => false);
    return { ran: false, reason: 'error', error };
  }

  if (!done.more) {
    await deps.store.swapJobMarker(request.cluster, kind, null, request.dispatch);
    return { ran: true, value: done.value };
  }
  const now = deps.clock.now();
  const next: JobMarker = { id: deps.newId(), state: 'dispatched', at: now, deadline: now + deps.jobs.dispatchTtlSeconds };
  if (!(await deps.store.swapJobMarker(request.cluster, kind, next, request.dispatch))) return { ran: true, value: done.value };
  try {
    await sendOrRelease(deps, kind, request.cluster, next);
  } catch {
    // The next tick dispatches the cluster again when it is due.
    return { ran: true, value: done.value };
  }
  return { ran: true, value: done.value, followUp: next.id };
}
