// Worker-thread entry: the server's TypeScript runs through tsx's loader, which a worker does not
// inherit, so register it here first (as bin/caracal.mjs does for the main thread).
import { register } from 'tsx/esm/api';

register();
await import('./append-worker-main.ts');
