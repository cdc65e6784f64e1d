// The one place for API types: the server validates and documents with these schemas,
// the console parses responses with them. Types come from z.infer, never hand-copied.
export * from './common.ts';
export * from './decision.ts';
export * from './zones.ts';
export * from './policies.ts';
export * from './policy-sets.ts';
export * from './activations.ts';
export * from './auth.ts';
export * from './editor.ts';
export * from './admin-audit.ts';
export * from './health.ts';
export * from './paths.ts';
export * from './applications.ts';
export * from './audit.ts';
export * from './sts.ts';
