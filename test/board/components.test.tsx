// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../board/src/api/client';
import { TOKEN_KEY } from '../../board/src/auth/token';
import { App } from '../../board/src/components/App';
import type { Summary } from '../../board/src/api/types';
import { ClusterBoard } from '../../board/src/components/ClusterBoard';
import { Settings } from '../../board/src/components/Settings';
import { cluster, details, scope, summary, token } from './fixtures';

type Handler = (init: RequestInit) => { status: number; body: unknown };

/** A fake API: routes by "METHOD path", records every call. Unknown routes are test failures. */
function fakeApi(routes: Record<string, unknown>) {
  const calls: string[] = [];
  const fetcher = async (url: string, init: RequestInit = {}) => {
    const key = `${init.method ?? 'GET'} ${url}`;
    calls.push(typeof init.body === 'string' ? `${key} ${init.body}` : key);
    const route = routes[key] ?? routes[key.replace(/\?.*$/, '')];
    if (route === undefined) return new Response(JSON.stringify({ error: { code: 'RouteNotFound', message: key } }), { status: 404 });
    const { status, body } = typeof route === 'function' ? (route as Handler)(init) : { status: 200, body: route };
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'content-type': 'application/json' } });
  };
  return {
    client: new ApiClient(
      () => 'token',
      () => undefined,
      fetcher,
    ),
    calls,
  };
}

let root: HTMLElement;
async function mount(vnode: preact.VNode) {
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(vnode, root));
}
afterEach(() => {
  render(null, root);
  root.remove();
});

/** Lets fetches resolve and effects run, until `check` passes. */
async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await act(() => new Promise((r) => setTimeout(r, 5)));
  }
  throw new Error(`never happened: ${what}\n${root.innerHTML.slice(0, 2000)}`);
}

const buttons = (name: string | RegExp) =>
  [...root.querySelectorAll('button')].filter((b) =>
    typeof name === 'string' ? b.textContent?.trim() === name || b.getAttribute('aria-label') === name : name.test(b.textContent ?? ''),
  );
const text = () => root.textContent ?? '';

const BOARD = '/clusters/demo/recommendations?limit=200';
const ROWS: Summary[] = [summary('shop'), summary('cart'), summary('old', { tab: 'dismissed', stagedAction: 'Ignore' })];

function board(api: ReturnType<typeof fakeApi>, canAct = true) {
  return <ClusterBoard client={api.client} cluster={cluster()} scope={scope()} canAct={canAct} tick={0} onScopeChanged={() => undefined} />;
}

describe('ClusterBoard', () => {
  it('shows the four tabs with their counts, the column headers and a row per namespace', async () => {
    const api = fakeApi({
      [`GET ${BOARD}`]: { items: ROWS },
      'GET /clusters/demo/recommendations/shop': details('shop'),
      'GET /clusters/demo/recommendations/cart': details('cart'),
      'GET /clusters/demo/recommendations/old': details('old'),
    });
    await mount(board(api));
    await until(() => root.querySelectorAll('tr[data-namespace]').length === 2, 'rows');
    const tabs = [...root.querySelectorAll('[role="tab"]')].map((t) => t.textContent);
    expect(tabs).toEqual(['Recommendations 2', 'Active 0', 'Dismissed 1', 'Enforced 0']);
    const headers = [...root.querySelectorAll('table.recs th')].map((t) => t.textContent?.replace(/ [▲▼]$/, ''));
    expect(headers).toEqual(['', 'Namespace', 'Status', 'Last updated', 'Rules', 'Warnings', 'Actions']);
    expect(buttons('Add to policy board: shop')).toHaveLength(1);
  });

  it('acts on a bulk selection and lists a result per namespace', async () => {
    const api = fakeApi({
      [`GET ${BOARD}`]: { items: ROWS },
      'POST /clusters/demo/recommendations/actions': {
        items: [
          { namespace: 'cart', status: 'changed', tab: 'active' },
          { namespace: 'shop', status: 'conflict' },
        ],
      },
    });
    await mount(board(api));
    await until(() => root.querySelectorAll('tr[data-namespace]').length === 2, 'rows');
    const selectAll = root.querySelector<HTMLInputElement>('input[aria-label="Select all"]')!;
    await act(() => selectAll.click());
    await until(() => buttons('Add to policy board (2)').length === 1, 'bulk button');
    await act(() => buttons('Add to policy board (2)')[0]!.click());
    await until(() => text().includes('cart: done'), 'results');
    expect(text()).toContain('shop: changed by someone else at the same time');
    expect(api.calls).toContain('POST /clusters/demo/recommendations/actions {"action":"activate","namespaces":["cart","shop"]}');
  });

  it('a 409 on a row action says someone else changed it and reloads the rows', async () => {
    const api = fakeApi({
      [`GET ${BOARD}`]: { items: ROWS },
      'POST /clusters/demo/recommendations/shop/activate': () => ({ status: 409, body: { error: { code: 'InvalidTransition', message: 'cannot activate: it is dismissed' } } }),
    });
    await mount(board(api));
    await until(() => buttons('Add to policy board: shop').length === 1, 'row');
    await act(() => buttons('Add to policy board: shop')[0]!.click());
    await until(() => text().includes('Someone else changed shop'), 'conflict message');
    expect(api.calls.filter((c) => c === `GET ${BOARD}`).length).toBeGreaterThanOrEqual(2);
  });

  it('for a viewer every action is disabled and says why', async () => {
    const api = fakeApi({ [`GET ${BOARD}`]: { items: ROWS } });
    await mount(board(api, false));
    await until(() => buttons('Add to policy board: shop').length === 1, 'row');
    const action = buttons('Add to policy board: shop')[0]!;
    expect(action.disabled).toBe(true);
    expect(action.title).toMatch(/viewer/);
    expect(buttons(/^Dismiss policy \(/)[0]!.disabled).toBe(true);
  });

  it('shows readiness and Enforce when the server provides them; Enforce shows the impact before it posts', async () => {
    const active = summary('shop', { tab: 'active', stagedAction: 'Set', readiness: 'WouldDeny' });
    const impact = {
      since: '2026-12-01T00:00:00Z',
      flowsObserved: 40,
      wouldDeny: { flows: 3, examples: [{ direction: 'egress', peer: 'api.example.com', protocol: 'TCP', port: 443 }] },
    };
    const api = fakeApi({
      [`GET ${BOARD}`]: { items: [active] },
      'GET /clusters/demo/recommendations/shop': { ...details('shop'), ...active, impact },
      'POST /clusters/demo/recommendations/shop/enforce': { changed: true },
    });
    await mount(board(api));
    await act(() => (root.querySelector('[role="tab"]:nth-child(2)') as HTMLButtonElement).click());
    await until(() => text().includes('Would deny traffic'), 'readiness column');
    expect([...root.querySelectorAll('table.recs th')].map((t) => t.textContent)).toContain('Readiness');
    await act(() => buttons('Enforce: shop')[0]!.click());
    await until(() => text().includes('3 would be denied'), 'impact');
    expect(text()).toContain('egress api.example.com TCP/443');
    const enforce = [...root.querySelectorAll('.enforce button')][0] as HTMLButtonElement;
    expect(enforce.disabled).toBe(true); // WouldDeny: needs the explicit "anyway"
    await act(() => (root.querySelector('.enforce input[type="checkbox"]') as HTMLInputElement).click());
    await act(() => enforce.click());
    await until(() => api.calls.some((c) => c.startsWith('POST /clusters/demo/recommendations/shop/enforce')), 'enforce call');
    expect(api.calls).toContain('POST /clusters/demo/recommendations/shop/enforce {"force":true}');
  });
});

describe('Global settings', () => {
  it("shows the API's selector error at the field, with its position", async () => {
    const api = fakeApi({
      'GET /clusters/demo/scope': scope(),
      'PATCH /clusters/demo/scope': () => ({
        status: 400,
        body: {
          error: {
            code: 'InvalidScope',
            message: 'namespaceSpec.selector: expected a string literal at position 5 but found end of selector',
            details: { field: 'namespaceSpec.selector' },
          },
        },
      }),
    });
    await mount(<Settings client={api.client} cluster="demo" canAct={true} onClose={() => undefined} onSaved={() => undefined} />);
    await until(() => root.querySelector('#setting-selector') !== null, 'form');
    const selector = root.querySelector<HTMLTextAreaElement>('#setting-selector')!;
    await act(() => {
      selector.value = 'a == ';
      selector.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await until(() => root.querySelector('#setting-selector-error') !== null, 'field error');
    expect(root.querySelector('#setting-selector-error')!.textContent).toBe('expected a string literal at position 5 but found end of selector');
    expect(selector.getAttribute('aria-invalid')).toBe('true');
    expect(api.calls).toContain('PATCH /clusters/demo/scope {"namespaceSpec":{"selector":"a == "}}');
  });

  it('shows a viewer only the two periods, read-only', async () => {
    const api = fakeApi({ 'GET /clusters/demo/scope': scope() });
    await mount(<Settings client={api.client} cluster="demo" canAct={false} onClose={() => undefined} onSaved={() => undefined} />);
    await until(() => root.querySelector('#setting-interval') !== null, 'form');
    expect([...root.querySelectorAll('.field label')].map((l) => l.textContent)).toEqual(['Stabilization period', 'Processing interval']);
    expect(root.querySelector<HTMLInputElement>('#setting-interval')!.disabled).toBe(true);
    expect(buttons('Save')[0]!.disabled).toBe(true);
  });
});

describe('live refresh', () => {
  it('reloads the rows on each tick and keeps the selection of rows still there', async () => {
    let rows = ROWS;
    const api = fakeApi({ [`GET ${BOARD}`]: () => ({ status: 200, body: { items: rows } }) });
    const at = (tick: number) => <ClusterBoard client={api.client} cluster={cluster()} scope={scope()} canAct={true} tick={tick} onScopeChanged={() => undefined} />;
    await mount(at(0));
    await until(() => root.querySelectorAll('tr[data-namespace]').length === 2, 'rows');
    await act(() => root.querySelector<HTMLInputElement>('input[aria-label="Select shop"]')!.click());
    await act(() => root.querySelector<HTMLInputElement>('input[aria-label="Select cart"]')!.click());
    rows = [summary('shop'), summary('cart', { tab: 'active', stagedAction: 'Set' })];
    await act(() => render(at(1), root));
    await until(() => root.querySelectorAll('tr[data-namespace]').length === 1, 'refreshed rows');
    expect(root.querySelector<HTMLInputElement>('input[aria-label="Select shop"]')!.checked).toBe(true);
    expect(buttons('Add to policy board (1)')).toHaveLength(1);
  });
});

describe('login by URL', () => {
  it('moves #token=… into session storage and out of the address bar, keeping the rest of the fragment', async () => {
    const { takeFragmentToken, storedToken } = await import('../../board/src/auth/token');
    window.history.replaceState(null, '', '/board?x=1#token=a.b.c&view=map');
    takeFragmentToken(window.location, window.history, window.sessionStorage);
    expect(storedToken(window.sessionStorage)).toBe('a.b.c');
    expect(`${window.location.pathname}${window.location.search}${window.location.hash}`).toBe('/board?x=1#view=map');
  });
});

describe('App sign-in', () => {
  const stubFetch = (routes: Record<string, unknown>) =>
    vi.stubGlobal('fetch', async (url: string) => {
      const body = routes[url.replace(/\?.*$/, '')];
      return body === undefined ? new Response('{}', { status: 404 }) : new Response(JSON.stringify(body), { status: 200 });
    });
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it('an expired token brings the login back, saying why', async () => {
    stubFetch({ '/board-config.json': { oidc: null } });
    sessionStorage.setItem(TOKEN_KEY, token({ groups: ['policy-recommender-admin'], exp: 1 }));
    await mount(<App storage={sessionStorage} />);
    await until(() => text().includes('Paste a token'), 'login');
    expect(text()).toContain('Your session has expired');
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('offers the OIDC sign-in when the deployment configures one', async () => {
    stubFetch({ '/board-config.json': { oidc: { issuer: 'https://id.example.com', clientId: 'board', scope: 'openid' } } });
    await mount(<App storage={sessionStorage} />);
    await until(() => buttons('Sign in').length === 1, 'sign-in button');
    expect(text()).toContain('with id.example.com');
  });

  it('a viewer token opens the workspace read-only', async () => {
    stubFetch({ '/board-config.json': { oidc: null }, '/clusters': { items: [cluster()] }, '/clusters/demo/scope': scope(), '/clusters/demo/recommendations': { items: ROWS } });
    sessionStorage.setItem(TOKEN_KEY, token({ groups: ['policy-recommender-viewer'], sub: 'ann', exp: 4_000_000_000 }));
    await mount(<App storage={sessionStorage} />);
    await until(() => root.querySelectorAll('tr[data-namespace]').length === 2, 'board');
    expect(text()).toContain('Read-only: your role is viewer');
    expect(text()).toContain('ann · viewer');
  });
});
