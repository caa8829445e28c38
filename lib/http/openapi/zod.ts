import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// `.openapi()` on every zod schema (a prototype patch): request schemas created elsewhere get it too.
extendZodWithOpenApi(z);

export { z };
