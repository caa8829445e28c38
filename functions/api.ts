import { createBoard } from '../lib/app/board';
import { createStateStore } from '../lib/adapters/aws-clients';
import { systemClock } from '../lib/adapters/system-clock';
import { loadAuthConfig } from '../lib/config/auth';
import { loadAwsConfig } from '../lib/config/aws';
import { processEnv } from '../lib/config/env';
import { createVerifier } from '../lib/http/auth/verifier';
import { createApiHandler } from '../lib/http/api';

// Composition root: config is read and validated once, clients are built once per container.
const env = processEnv();
const aws = loadAwsConfig(env);
const verifier = createVerifier(loadAuthConfig(env));
if (!verifier) {
  console.log(JSON.stringify({ level: 'warn', msg: 'no AUTH_JWKS_URL or AUTH_HS256_SECRET configured: the API refuses every request' }));
}

// No purger yet: reaching clusters belongs to pushPolicies; `?purge=true` is refused with 400.
const board = createBoard({ store: createStateStore(aws), clock: systemClock });

export const handler = createApiHandler({ board, verifier });
