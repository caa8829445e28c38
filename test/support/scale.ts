/**
 * Randomized tests draw a smaller sample in `npm test` and their full count in `npm run test:slow`
 * (which sets TEST_FULL_COUNTS=1 and runs those files again): CI runs both.
 */
export const FULL_COUNTS = process.env.TEST_FULL_COUNTS === '1';

/** `full` under `npm run test:slow`, `fast` under `npm test`. */
export const sample = (full: number, fast: number): number => (FULL_COUNTS ? full : fast);
