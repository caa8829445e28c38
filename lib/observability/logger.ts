import { Logger } from '@aws-lambda-powertools/logger';
import type { PushLogger } from '../app/push/ports';
import { loadObservabilityConfig } from '../config/observability';
import { processEnv } from '../config/env';

const config = loadObservabilityConfig(processEnv());

/**
 * The project's one logger: structured JSON lines (Powertools Logger) with the Lambda context,
 * a correlation id per run (`runId`) and per cluster (`cluster`). Callers pass chosen fields only,
 * never events, headers, kubeconfigs or tokens.
 */
export const logger = new Logger({ serviceName: config.serviceName, logLevel: config.logLevel });

/** A run's logger: every line carries the run's correlation id. */
export function runLogger(runId: string): Logger {
  return logger.createChild({ persistentKeys: { runId } });
}

/** The core's logging port (lib/app/push/ports.ts) over a Powertools logger; `cluster` fields become keys. */
export function portLogger(base: Logger): PushLogger {
  return {
    info: (message, fields) => base.info(message, { ...fields }),
    warn: (message, fields) => base.warn(message, { ...fields }),
    error: (message, fields) => base.error(message, { ...fields }),
  };
}
