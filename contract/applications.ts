// Applications: the STS's clients. A secret is shown once at creation and stored only as a keyed hash.
import { z } from 'zod';
import { Id, ListQuery, Name, Timestamp } from './common.ts';

const LABEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:/=-]{0,127}$/;
export const Label = z.string().regex(LABEL_PATTERN, 'must be 1-128 letters, digits or _ . : / = - starting with a letter or digit');
export const Labels = z
  .array(Label)
  .max(64, 'must have at most 64 labels')
  .refine((l) => new Set(l).size === l.length, 'must not repeat a label');

export const Application = z.object({
  id: Id,
  zone_id: Id,
  name: z.string(),
  client_id: z.string(),
  labels: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
  created_by: z.string(),
  created_at: Timestamp,
  updated_at: Timestamp,
  disabled_at: Timestamp.nullable(),
});
export type Application = z.infer<typeof Application>;

export const CreateApplicationBody = z.strictObject({ name: Name, labels: Labels.default([]) });
export type CreateApplicationBody = z.input<typeof CreateApplicationBody>;

/** 201 body: the only time the secret is ever shown. */
export const CreatedApplication = Application.extend({ client_secret: z.string() });
export type CreatedApplication = z.infer<typeof CreatedApplication>;

export const UpdateApplicationBody = z.strictObject({ labels: Labels });
export type UpdateApplicationBody = z.infer<typeof UpdateApplicationBody>;

export const ListApplicationsQuery = ListQuery.extend({
  status: z.enum(['active', 'disabled', 'all']).default('all'),
});

/** URL builders for the application routes. */
export const applicationPaths = {
  list: (zoneId: string) => `/v1/zones/${encodeURIComponent(zoneId)}/applications`,
  one: (zoneId: string, id: string) => `/v1/zones/${encodeURIComponent(zoneId)}/applications/${encodeURIComponent(id)}`,
} as const;
