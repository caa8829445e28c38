import type { z } from 'zod';
import { RequestValidationError, type FieldProblem } from './errors';

function problems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const base = issue.path.join('.');
    // One entry per unknown key, pointing at the key itself, reads better than zod's summary.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ path: base ? `${base}.${k}` : k, message: 'unknown field' }));
    return [{ path: base, message: issue.message }];
  });
}

/** Parses with a zod schema; failures become 400 ValidationError listing every offending field. */
export function validate<S extends z.ZodTypeAny>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new RequestValidationError(problems(result.error));
  return result.data as z.output<S>;
}
