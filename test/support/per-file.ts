import { afterAll } from 'vitest';

/**
 * `npm test` runs files with isolate: false (one module cache per worker, not one per file): what a
 * file sets in process.env is undone when it ends, so the next file in the worker starts clean.
 */
const saved = { ...process.env };
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});
