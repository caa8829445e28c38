import { ConfigError, optional, type Env } from './env';

/** The board page's settings (docs/board.md): where its built files are and how it signs in. */
export interface PageConfig {
  /** Folder of the built page; unset: looked up next to the bundle, then in the working directory. */
  readonly assetsDir?: string;
  /** OIDC sign-in for the page; absent: the page asks for a pasted token. */
  readonly oidc?: { readonly issuer: string; readonly clientId: string; readonly scope: string };
}

export function loadPageConfig(env: Env): PageConfig {
  const issuer = optional(env, 'BOARD_OIDC_ISSUER');
  const clientId = optional(env, 'BOARD_OIDC_CLIENT_ID');
  if ((issuer === undefined) !== (clientId === undefined)) {
    throw new ConfigError('BOARD_OIDC_ISSUER and BOARD_OIDC_CLIENT_ID are set together or not at all');
  }
  if (issuer !== undefined && !/^https:\/\/[^\s"';]+$/.test(issuer)) throw new ConfigError('BOARD_OIDC_ISSUER must be an https:// URL');
  const assetsDir = optional(env, 'BOARD_ASSETS_DIR');
  return Object.freeze({
    ...(assetsDir === undefined ? {} : { assetsDir }),
    ...(issuer && clientId ? { oidc: Object.freeze({ issuer: issuer.replace(/\/+$/, ''), clientId, scope: optional(env, 'BOARD_OIDC_SCOPE') ?? 'openid' }) } : {}),
  });
}
