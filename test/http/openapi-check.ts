import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import type { OpenApiDocument } from '../../lib/http/openapi/document';

const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

export interface CheckedResponse {
  readonly method: string;
  /** The request path as sent (a query string is ignored). */
  readonly path: string;
  readonly status: number;
  readonly contentType: string | null | undefined;
  readonly body: string;
}

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks responses against the OpenAPI document: the operation must exist, the status must be one
 * it declares, the content type one of that status's, and a JSON body must match its schema.
 */
export function responseChecker(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('date-time', DATE_TIME);
  ajv.addSchema({ ...(doc as object), $id: 'openapi.json' });
  const compiled = new Map<string, ValidateFunction>();
  const templates = Object.keys(doc.paths ?? {}).map((t) => ({
    template: t,
    params: (t.match(/\{/g) ?? []).length,
    regex: new RegExp(`^${t.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));

  function operationOf(method: string, path: string): { template: string; op: Operation } {
    const m = method.toLowerCase();
    const found = templates
      .filter((t) => t.regex.test(path) && (doc.paths as Record<string, Record<string, unknown>>)[t.template]?.[m] !== undefined)
      .sort((a, b) => a.params - b.params)[0];
    if (!found) throw new Error(`OpenAPI: no operation for ${method} ${path}`);
    return { template: found.template, op: (doc.paths as Record<string, Record<string, Operation>>)[found.template]![m]! };
  }

  return function check(r: CheckedResponse): void {
    const path = r.path.split('?')[0]!;
    const { template, op } = operationOf(r.method, path);
    const where = `${r.method} ${template} → ${r.status}`;
    const response = op.responses?.[String(r.status)];
    if (!response) throw new Error(`OpenAPI: ${where} is not a documented status (documented: ${Object.keys(op.responses ?? {}).join(', ')}); body ${r.body.slice(0, 300)}`);
    const content = response.content ?? {};
    const type = (r.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    const key = type in content ? type : '*/*' in content ? '*/*' : undefined;
    if (key === undefined) throw new Error(`OpenAPI: ${where} answered content type ${type || '(none)'}, documented ${Object.keys(content).join(', ') || 'none'}`);
    if (key !== 'application/json') return;
    let body: unknown;
    try {
      body = JSON.parse(r.body);
    } catch {
      throw new Error(`OpenAPI: ${where} answered invalid JSON: ${r.body.slice(0, 300)}`);
    }
    const ref = `openapi.json#/paths/${pointer(template)}/${r.method.toLowerCase()}/responses/${r.status}/content/${pointer(key)}/schema`;
    let validate = compiled.get(ref);
    if (!validate) compiled.set(ref, (validate = ajv.compile({ $ref: ref })));
    if (!validate(body)) throw new Error(`OpenAPI: ${where} body does not match: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 1000)}`);
  };
}
