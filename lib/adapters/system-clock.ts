import type { Clock } from '../core/engine';

/** The real clock, for composition roots only; everything else gets a Clock injected. */
export const systemClock: Clock = { now: () => Math.floor(Date.now() / 1000), nowMs: () => Date.now() };
