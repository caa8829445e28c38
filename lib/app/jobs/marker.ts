/**
 * Job markers (architecture: fan-out). A scheduled tick marks a cluster `dispatched` before it
 * hands the cluster to its own invocation; that invocation marks it `running` before it touches
 * anything, and removes the marker when it has recorded its summary. A marker whose deadline has
 * passed belongs to a job that will never report: a lost dispatch is dispatched again, a running
 * job that died (killed, out of memory, timed out) is recorded as a failure with backoff.
 */
export type JobKind = 'process' | 'push';

export interface JobMarker {
  /** The dispatch id: the job that holds this marker. */
  readonly id: string;
  readonly state: 'dispatched' | 'running';
  /** Unix seconds. */
  readonly at: number;
  /** Unix seconds after which the job is presumed dead (or its dispatch lost). */
  readonly deadline: number;
}

/** The cluster field that holds each job's marker. */
export const MARKER_FIELD = { process: 'processJob', push: 'pushJob' } as const satisfies Record<JobKind, string>;

/** The cluster field that holds each job's last summary. */
export const SUMMARY_FIELD = { process: 'lastRun', push: 'lastPush' } as const satisfies Record<JobKind, string>;

/** What a tick sends to a cluster's own invocation. */
export interface JobRequest {
  readonly cluster: string;
  readonly dispatch: string;
}

/** Starts an asynchronous invocation of the job's function for one cluster. */
export interface JobInvoker {
  invoke(kind: JobKind, request: JobRequest): Promise<void>;
}

/** Fan-out settings (deployment parameters, read in lib/config/jobs.ts). */
export interface JobsSettings {
  /** The function's timeout: a running job past it (plus a margin) died. */
  readonly timeoutSeconds: number;
  /** A dispatched job not started by then is dispatched again. */
  readonly dispatchTtlSeconds: number;
  /** Invocations a tick starts at the same time. */
  readonly dispatchParallelism: number;
}
