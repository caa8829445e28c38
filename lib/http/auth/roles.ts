import type { JWTPayload } from 'jose';
import type { Role } from '../types';

export const VIEWER_ROLE = 'policy-recommender-viewer';
export const ADMIN_ROLE = 'policy-recommender-admin';

/** A claim may hold an array (Cognito, most OIDC providers) or one space/comma separated string. */
function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((v) => v !== '');
  return [];
}

/** Admins can do everything viewers can, so holding admin alone is enough to read. */
export function rolesFromClaims(payload: JWTPayload, claim: string): Set<Role> {
  const names = new Set(claimValues(payload[claim]));
  const roles = new Set<Role>();
  if (names.has(ADMIN_ROLE)) roles.add('admin').add('viewer');
  if (names.has(VIEWER_ROLE)) roles.add('viewer');
  return roles;
}

export function roleName(role: Role): string {
  return role === 'admin' ? ADMIN_ROLE : VIEWER_ROLE;
}
