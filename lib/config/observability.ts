import { ConfigError, optional, type Env } from './env';

/**
 * Logger and metrics settings; the POWERTOOLS_* names are the ones Powertools documents
 * (POWERTOOLS_METRICS_DISABLED=true, read by Powertools itself, silences metrics in tests).
 */
export interface ObservabilityConfig {
  readonly serviceName: string;
  /** CloudWatch namespace of the embedded-metric-format metrics (infra/alarms.yml reads it). */
  readonly metricsNamespace: string;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
}

const LEVELS = new Set(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']);

export function loadObservabilityConfig(env: Env): ObservabilityConfig {
  const level = (optional(env, 'POWERTOOLS_LOG_LEVEL') ?? 'INFO').toUpperCase();
  if (!LEVELS.has(level)) throw new ConfigError('POWERTOOLS_LOG_LEVEL must be DEBUG, INFO, WARN, ERROR or SILENT');
  return Object.freeze({
    serviceName: optional(env, 'POWERTOOLS_SERVICE_NAME') ?? 'policy-recommender',
    metricsNamespace: optional(env, 'POWERTOOLS_METRICS_NAMESPACE') ?? 'PolicyRecommender',
    logLevel: level as ObservabilityConfig['logLevel'],
  });
}
