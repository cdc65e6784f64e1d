// Editor support: the engine's built-in catalogue, formatting and `opa test`.
import { z } from 'zod';
import { PolicyContent } from './common.ts';

const BuiltinType = z.object({ name: z.string().optional(), type: z.string().optional(), description: z.string().optional() });

export const Builtin = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  categories: z.array(z.string()).optional(),
  args: z.array(BuiltinType).optional(),
  result: BuiltinType.optional(),
  infix: z.string().optional(),
});
export const BuiltinsResponse = z.object({ builtins: z.array(Builtin) });
export type BuiltinsResponse = z.infer<typeof BuiltinsResponse>;

export const FormatBody = z.strictObject({ content: PolicyContent });
export const FormatResponse = z.object({ formatted: z.string() });

export const TestBody = z.strictObject({ content: PolicyContent });
export const TestReport = z.object({
  tests: z.array(
    z.object({
      name: z.string(),
      status: z.enum(['pass', 'fail', 'error']),
      location: z.object({ row: z.number(), col: z.number() }),
      duration_ms: z.number(),
      message: z.string().optional(),
    }),
  ),
  coverage: z.object({ covered: z.array(z.number()), not_covered: z.array(z.number()), percent: z.number() }),
  passed: z.number().int(),
  failed: z.number().int(),
  errored: z.number().int(),
});
export type TestReport = z.infer<typeof TestReport>;
