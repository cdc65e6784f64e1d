import { z } from 'zod';

export const Health = z.object({ ok: z.literal(true) });
export const Ready = z.object({
  ready: z.boolean(),
  checks: z.object({
    database: z.boolean(),
    engine: z.object({ healthy: z.boolean(), restarts: z.number().int(), preloaded: z.number().int(), error: z.string().optional() }),
    startup: z.boolean(),
  }),
});
export type Ready = z.infer<typeof Ready>;
