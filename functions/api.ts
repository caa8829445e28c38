import { createBoard } from '../lib/app/board';
import { createStateStore } from '../lib/adapters/aws-clients';
import { systemClock } from '../lib/adapters/system-clock';
import { loadAuthConfig } from '../lib/config/auth';
import { loadAwsConfig } from '../lib/config/aws';
import { processEnv } from '../lib/config/env';
import { createVerifier } from '../lib/http/auth/verifier';
import { createApiHandler } from '../lib/http/api';
import { createSecretsManagerClient } from '../lib/adapters/secrets/secret-reader';
import { loadReachConfig } from '../lib/config/board';
import { hs256KeyFromSecretsManager } from '../lib/adapters/secrets/hs256-key';
import { logger } from '../lib/observability/logger';
import { observability } from '../lib/observability/middleware';

// Composition root: config is read and validated once, clients are built once per container.
const env = processEnv();
const aws = loadAwsConfig(env);
const auth = loadAuthConfig(env);
const verifier = createVerifier(auth, {
  ...(auth.hs256SecretName ? { hs256Key: hs256KeyFromSecretsManager(createSecretsManagerClient(aws), auth.hs256SecretName, auth.hs256CacheSeconds) } : {}),
});
if (!verifier) {
  logger.warn('no AUTH_JWKS_URL or AUTH_HS256_SECRET_NAME configured: the API refuses every request');
}

const store = createStateStore(aws);
// Purging happens in the pushPolicies job that removes an unregistered cluster; the API never reaches clusters.
const board = createBoard({ store, clock: systemClock, canPurge: true, reach: loadReachConfig(env) });

export const handler = createApiHandler({ board, verifier }).use(observability());
