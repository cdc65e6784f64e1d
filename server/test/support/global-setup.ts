// Builds the engine when missing, and refuses to pretend PostgreSQL was tested on CI.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export default function setup() {
  if (process.env.CI === 'true' && !process.env.TEST_DATABASE_URL) {
    throw new Error('CI=true but TEST_DATABASE_URL is not set: the server suites must also run on PostgreSQL in CI (bash scripts/start-postgres.sh prints the URL).');
  }
  const root = resolve(import.meta.dirname, '../../..');
  const bin = process.env.CARACAL_ENGINE_BIN ?? resolve(root, '.build/caracal-engine');
  if (!existsSync(bin)) {
    execFileSync('go', ['build', '-o', resolve(root, '.build/caracal-engine'), './cmd/engine'], { cwd: resolve(root, 'engine'), stdio: 'inherit' });
  }
}
