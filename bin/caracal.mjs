#!/usr/bin/env node
// Runs the TypeScript server directly through tsx's ESM loader: no separate build step.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../server/cli.ts');
await run(process.argv.slice(2));
