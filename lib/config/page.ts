import { ConfigError, optional, type Env } from './env';

/** The board page's settings (docs/board.md): where its built files are and how it signs in. */
export interface PageConfig {
  /** Folder of the built page; unset: looked up next to the bundle, then in the working directory. */
  readonly assetsDir?: string;
  /** OIDC sign-in for the page; absent: the page asks for a pasted token. */
  readonly oidc?: { readonly issuer: string; readonly clientId: string; readonly scope: string };
  /** Origins besides the issuer's that the page may call: a token endpoint elsewhere (Cognito's domain). */
  readonly extraOrigins?: readonly string[];
}

const ORIGIN = /^https:\/\/[a-z0-9.-]+(:\d+)?$/i;

export function loadPageConfig(env: Env): PageConfig {
  const issuer = optional(env, 'BOARD_OIDC_ISSUER');
  const clientId = optional(env, 'BOARD_OIDC_CLIENT_ID');
  if ((issuer === undefined) !== (clientId === undefined)) {
    throw new ConfigError('BOARD_OIDC_ISSUER and BOARD_OIDC_CLIENT_ID are set together or not at all');
  }
  if (issuer !== undefined && !/^https:\/\/[^\s"';]+$/.test(issuer)) throw new ConfigError('BOARD_OIDC_ISSUER must be an https:// URL');
  const assetsDir = optional(env, 'BOARD_ASSETS_DIR');
  const extraOrigins = (optional(env, 'BOARD_OIDC_EXTRA_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter((o) => o !== '');
  const bad = extraOrigins.find((o) => !ORIGIN.test(o));
  if (bad !== undefined) throw new ConfigError(`BOARD_OIDC_EXTRA_ORIGINS must list https origins (https://host[:port]), got ${JSON.stringify(bad)}`);
  return Object.freeze({
    ...(extraOrigins.length ? { extraOrigins: Object.freeze(extraOrigins) } : {}),
    ...(assetsDir === undefined ? {} : { assetsDir }),
    ...(issuer && clientId ? { oidc: Object.freeze({ issuer: issuer.replace(/\/+$/, ''), clientId, scope: optional(env, 'BOARD_OIDC_SCOPE') ?? 'openid' }) } : {}),
  });
}
