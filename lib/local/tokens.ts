import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT } from 'jose';

export const ADMIN_ROLE = 'policy-recommender-admin';
export const VIEWER_ROLE = 'policy-recommender-viewer';

/** The local HS256 secret: given, or generated once and kept in the state folder (mode 600). */
export async function localSecret(stateDir: string, given: string | undefined): Promise<string> {
  if (given) return given;
  const file = join(stateDir, 'auth-hs256-secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    await writeFile(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}

/** A token for the local stack; valid for a day. */
export function localToken(secret: string, subject: string, roles: string[], nowSeconds: number): Promise<string> {
  return new SignJWT({ groups: roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + 86_400)
    .sign(new TextEncoder().encode(secret));
}
