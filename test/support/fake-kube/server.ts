import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testCertificate } from './certs';
import { handleResource } from './handlers';
import { ObjectStore } from './object-store';
import { discovery, findType } from './resources';
import { statusReply, type Reply } from './status';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly contentType: string;
  readonly body: string;
}

/** An injected failure or delay for requests matching `path` (and `method`, when given). */
export interface Fault {
  readonly path: string | RegExp;
  readonly method?: string;
  readonly status?: number;
  readonly message?: string;
  readonly delayMs?: number;
  /** How many matching requests it affects; all of them when absent. */
  times?: number;
}

export interface FakeKubeOptions {
  readonly tokens?: readonly string[];
  /** Accepts bearer tokens it cannot list in advance (EKS tokens are signed per request). */
  readonly acceptToken?: (token: string) => boolean;
  readonly basicAuth?: readonly { username: string; password: string }[];
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method !== method) return false;
  return typeof fault.path === 'string' ? path === fault.path : fault.path.test(path);
}

/** The client gave up (timeout) while a delayed answer was pending. */
const gone = (res: ServerResponse) => res.destroyed || !res.socket || res.socket.destroyed;

/** Resolves /api/v1/... and /apis/<group>/<version>/... into a resource request (or discovery). */
function route(path: string): { group: string; version: string; rest: string[] } | undefined {
  const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (seg[0] === 'api' && seg[1]) return { group: '', version: seg[1], rest: seg.slice(2) };
  if (seg[0] === 'apis' && seg[1] && seg[2]) return { group: seg[1], version: seg[2], rest: seg.slice(3) };
  return undefined;
}

/**
 * A fake Kubernetes API server over HTTPS for the real @kubernetes/client-node: bearer-token
 * (or basic) authentication, discovery, CRUD with label selectors and paging, server-side apply,
 * 404 / 409 / 415 like the real one, injectable faults, and a log of every request.
 */
export class FakeKubeServer {
  readonly objects = new ObjectStore();
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  readonly #server: Server;
  readonly #timers = new Set<NodeJS.Timeout>();
  #url = '';

  constructor(readonly options: FakeKubeOptions = {}) {
    const { cert, key } = testCertificate();
    this.#server = createServer({ cert, key }, (req, res) => void this.#serve(req, res));
  }

  get url(): string {
    return this.#url;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `https://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const t of this.#timers) clearTimeout(t);
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  inject(fault: Fault): void {
    this.faults.push(fault);
  }

  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  #authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    if (header.startsWith('Bearer ')) return (this.options.tokens ?? []).includes(header.slice(7)) || this.options.acceptToken?.(header.slice(7)) === true;
    if (header.startsWith('Basic ')) {
      const [username, password] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
      return (this.options.basicAuth ?? []).some((b) => b.username === username && b.password === password);
    }
    return false;
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'https://fake');
    const method = req.method ?? 'GET';
    const recorded: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: req.headers['content-type'] ?? '',
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(recorded);
    const fault = this.faults.find((f) => (f.times ?? 1) > 0 && matches(f, method, url.pathname));
    if (fault && fault.times !== undefined) fault.times--;
    if (fault?.delayMs) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => (this.#timers.delete(t), resolve()), fault.delayMs);
        this.#timers.add(t);
      });
      if (gone(res)) return;
    }
    let reply: Reply;
    if (!this.#authorized(req)) reply = statusReply(401, 'Unauthorized');
    else if (fault?.status) reply = statusReply(fault.status, fault.message ?? `injected failure ${fault.status}`);
    else reply = this.#dispatch(method, url, recorded);
    if (gone(res)) return;
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  }

  #dispatch(method: string, url: URL, recorded: RecordedRequest): Reply {
    const r = route(url.pathname);
    if (!r) return statusReply(404, 'the server could not find the requested resource');
    if (r.rest.length === 0) {
      const list = method === 'GET' ? discovery(r.group, r.version) : undefined;
      return list ? { status: 200, body: list } : statusReply(404, 'the server could not find the requested resource');
    }
    let namespace: string | undefined;
    let rest = r.rest;
    // /namespaces/<ns>/<plural>[/<name>] is namespaced; /namespaces[/<name>] is the Namespace itself.
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const type = findType(r.group, r.version, rest[0]!);
    if (!type || rest.length > 2 || (namespace !== undefined && !type.namespaced) || (namespace === undefined && type.namespaced && rest.length === 2)) {
      return statusReply(404, 'the server could not find the requested resource');
    }
    return handleResource(this.objects, { method, type, namespace, name: rest[1], query: url.searchParams, contentType: recorded.contentType, body: recorded.body });
  }
}

export async function startFakeKube(options: FakeKubeOptions = {}): Promise<FakeKubeServer> {
  return new FakeKubeServer(options).listen();
}
