import type { Action, BulkResult, Cluster, Details, PageConfig, ScopeSpec, Summary } from './types';

/** An error answer of the API: `{"error": {code, message, details?}}` with its status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

async function problem(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error) return new ApiError(res.status, body.error.code ?? 'Error', body.error.message ?? res.statusText, body.error.details);
  } catch {
    /* not JSON: fall through */
  }
  return new ApiError(res.status, 'HttpError', `HTTP ${res.status} ${res.statusText}`);
}

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

/** The board's only way to the server: the public HTTP API, with the bearer token. */
export class ApiClient {
  constructor(
    private readonly token: () => string | undefined,
    private readonly onUnauthorized: () => void = () => undefined,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
  ) {}

  private async send(method: string, url: string, body?: unknown, accept = 'application/json'): Promise<Response> {
    const headers: Record<string, string> = { accept };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.fetcher(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (res.status === 401) this.onUnauthorized();
    if (!res.ok) throw await problem(res);
    return res;
  }

  private async json<T>(method: string, url: string, body?: unknown): Promise<T> {
    return (await (await this.send(method, url, body)).json()) as T;
  }

  async pageConfig(): Promise<PageConfig> {
    return this.json('GET', '/board-config.json');
  }

  async clusters(): Promise<Cluster[]> {
    return (await this.json<{ items: Cluster[] }>('GET', '/clusters')).items;
  }

  async scope(cluster: string): Promise<ScopeSpec> {
    return this.json('GET', `/clusters/${path(cluster)}/scope`);
  }

  async patchScope(cluster: string, patch: Record<string, unknown>): Promise<ScopeSpec> {
    return this.json('PATCH', `/clusters/${path(cluster)}/scope`, patch);
  }

  /** Every recommendation of the cluster (all tabs), following the pages. */
  async recommendations(cluster: string): Promise<Summary[]> {
    const all: Summary[] = [];
    let cursor: string | undefined;
    do {
      const query = `limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await this.json<{ items: Summary[]; nextCursor?: string }>('GET', `/clusters/${path(cluster)}/recommendations?${query}`);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  async details(cluster: string, namespace: string): Promise<Details> {
    return this.json('GET', `/clusters/${path(cluster, 'recommendations', namespace)}`);
  }

  async manifestYaml(cluster: string, namespace: string): Promise<string> {
    return (await this.send('GET', `/clusters/${path(cluster, 'recommendations', namespace)}`, undefined, 'application/yaml')).text();
  }

  async act(cluster: string, namespace: string, action: Action, body?: Record<string, unknown>): Promise<unknown> {
    return this.json('POST', `/clusters/${path(cluster, 'recommendations', namespace, action)}`, body);
  }

  async bulk(cluster: string, action: Action, namespaces: string[]): Promise<BulkResult[]> {
    return (await this.json<{ items: BulkResult[] }>('POST', `/clusters/${path(cluster)}/recommendations/actions`, { action, namespaces })).items;
  }
}
