import { createBoard } from '../lib/app/board';
import { createStateStore } from '../lib/adapters/aws-clients';
import { systemClock } from '../lib/adapters/system-clock';
import { loadAuthConfig } from '../lib/config/auth';
import { loadAwsConfig } from '../lib/config/aws';
import { processEnv } from '../lib/config/env';
import { createVerifier } from '../lib/http/auth/verifier';
import { createApiHandler } from '../lib/http/api';
import { createPublisherFactory } from '../lib/adapters/kubernetes/publisher-factory';
import { createSecretsManagerClient, secretsManagerReader } from '../lib/adapters/secrets/secret-reader';
import { createPurger } from '../lib/app/push/purge';
import { loadPushConfig } from '../lib/config/push';
import { loadReachConfig } from '../lib/config/board';
import { loadDeploymentConfig } from '../lib/config/deployment';
import { hs256KeyFromSecretsManager } from '../lib/adapters/secrets/hs256-key';
import { createEksAccess } from '../lib/adapters/eks/access';
import { logger } from '../lib/observability/logger';
import { observability } from '../lib/observability/middleware';

// Composition root: config is read and validated once, clients are built once per container.
const env = processEnv();
const aws = loadAwsConfig(env);
const auth = loadAuthConfig(env);
const secretsClient = createSecretsManagerClient(aws);
const verifier = createVerifier(auth, {
  ...(auth.hs256SecretName ? { hs256Key: hs256KeyFromSecretsManager(secretsClient, auth.hs256SecretName, auth.hs256CacheSeconds) } : {}),
});
if (!verifier) {
  logger.warn('no AUTH_JWKS_URL or AUTH_HS256_SECRET_NAME configured: the API refuses every request');
}

const store = createStateStore(aws);
const push = loadPushConfig(env);
const publishers = createPublisherFactory({
  secrets: secretsManagerReader(secretsClient),
  clock: { nowMs: () => Date.now() },
  timeoutMs: push.callTimeoutMs,
  secretCacheSeconds: push.secretCacheSeconds,
  localTargets: loadDeploymentConfig(env).localStack,
  eks: createEksAccess(aws.region, () => Date.now()),
});
const board = createBoard({ store, clock: systemClock, purger: createPurger(publishers), reach: loadReachConfig(env) });

export const handler = createApiHandler({ board, verifier }).use(observability());
