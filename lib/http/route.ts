import type { Method } from '@middy/http-router';
import { CLUSTER_ID } from '../app/cluster';
import { isDns1123Label } from '../core/names';
import { roleName } from './auth/roles';
import { ForbiddenError, InvalidPathError, UnauthorizedError } from './errors';
import type { ApiEvent, HttpResult, Principal, Role } from './types';

/** The names between braces in a path template: `/a/{x}/b/{y}` gives `'x' | 'y'`. */
type ParamsOf<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | ParamsOf<Rest> : never;

export interface RouteRequest<N extends string> {
  readonly params: Readonly<Record<N, string>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly principal: Principal;
}

export interface RouteSpec {
  readonly method: Method;
  readonly path: string;
  readonly role: Role;
  readonly handler: (event: ApiEvent) => Promise<HttpResult>;
}

/** Every path parameter has one rule, wherever it appears: they all end up in keys and names. */
const PARAM_RULES: Record<string, { test: (v: string) => boolean; rule: string }> = {
  cluster: { test: (v) => CLUSTER_ID.test(v), rule: 'a cluster id (DNS-1123 label)' },
  namespace: { test: isDns1123Label, rule: 'a namespace name (DNS-1123 label)' },
};

function pathParams<N extends string>(template: string, event: ApiEvent): Record<N, string> {
  const params: Record<string, string> = {};
  for (const match of template.matchAll(/\{([^}]+)\}/g)) {
    const name = match[1] ?? '';
    const value = event.pathParameters?.[name] ?? '';
    const rule = PARAM_RULES[name];
    if (!rule || !rule.test(value)) throw new InvalidPathError(name, rule?.rule ?? 'valid');
    params[name] = value;
  }
  return params;
}

/** A route: its role is checked first (no hints to callers who may not use it), then its path. */
export function route<P extends string>(method: Method, path: P, role: Role, handle: (req: RouteRequest<ParamsOf<P>>) => Promise<HttpResult>): RouteSpec {
  return {
    method,
    path,
    role,
    handler: async (event) => {
      const principal = event.principal;
      if (!principal) throw new UnauthorizedError('not authenticated');
      if (!principal.roles.has(role)) throw new ForbiddenError(roleName(role));
      return handle({
        params: pathParams<ParamsOf<P>>(path, event),
        query: event.queryStringParameters ?? {},
        body: event.jsonBody,
        headers: event.headers ?? {},
        principal,
      });
    },
  };
}
