/** RFC 3339, UTC, whole seconds: the only time format the engine writes. */
export function rfc3339(epochSeconds: number): string {
  return new Date(Math.floor(epochSeconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function parseRfc3339(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return NaN;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? NaN : Math.floor(ms / 1000);
}

/** The one injected clock: nothing outside the composition roots reads the system time. */
export interface Clock {
  /** Unix seconds. */
  now(): number;
  /** Milliseconds since the epoch (durations). */
  nowMs(): number;
}

/** A clock that reads the time from `seconds` (tests, tools, a fixed time). */
export function clockOf(seconds: () => number): Clock {
  return { now: () => Math.floor(seconds()), nowMs: () => seconds() * 1000 };
}
