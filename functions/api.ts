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
import { loadPageConfig } from '../lib/config/page';
import { findAssetsDir, loadPageAssets } from '../lib/http/page/assets';
import { createPageServer, withBoardPage } from '../lib/http/page/serve';
import { withOpenApi } from '../lib/http/openapi/serve';
import { resolve } from 'node:path';

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

// The built board: next to the bundle (Lambda, `serverless package`), else in the service folder
// (serverless-offline runs the bundle from .esbuild but in the service folder).
const page = loadPageConfig(env);
const assetsDir = findAssetsDir([page.assetsDir, resolve(__dirname, '../board/dist'), resolve(process.cwd(), 'board/dist')].filter((d): d is string => d !== undefined));
if (!assetsDir) logger.warn('the board page is not built (npm run build:board): GET / answers 503');

// GET /openapi.json and the page need no token: both are answered before the API's middlewares.
export const handler = withBoardPage(
  withOpenApi(createPageServer(assetsDir ? loadPageAssets(assetsDir) : undefined, page)),
  createApiHandler({ board, verifier }).use(observability()),
);
