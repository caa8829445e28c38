import { createBoard } from '../lib/app/board';
import { createStateStore } from '../lib/adapters/aws-clients';
import { systemClock } from '../lib/adapters/system-clock';
import { loadAuthConfig } from '../lib/config/auth';
import { loadAwsConfig } from '../lib/config/aws';
import { processEnv } from '../lib/config/env';
import { createVerifier } from '../lib/http/auth/verifier';
import { createApiHandler } from '../lib/http/api';
import { loadReachConfig } from '../lib/config/board';

// Composition root: config is read and validated once, clients are built once per container.
const env = processEnv();
const aws = loadAwsConfig(env);
const verifier = createVerifier(loadAuthConfig(env));
if (!verifier) {
  console.log(JSON.stringify({ level: 'warn', msg: 'no AUTH_JWKS_URL or AUTH_HS256_SECRET configured: the API refuses every request' }));
}

const store = createStateStore(aws);
// Purging happens in the pushPolicies job that removes an unregistered cluster; the API never reaches clusters.
const board = createBoard({ store, clock: systemClock, canPurge: true, reach: loadReachConfig(env) });

export const handler = createApiHandler({ board, verifier });
