// Runs in a worker thread: appends audit batches (canonical JSON, chain hashes, one SQLite
// transaction) on its own connection, so the token endpoint's thread only hands events over.
// SQLite serialises this connection's writes with the server's own (busy_timeout).
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../db/sqlite.ts';
import type { AppendRequest, AppendResult } from './append-worker.ts';
import { AuditRepo } from './repository.ts';

// The server's connection runs the checkpointer; this one, which does most of the writing, must not
// also checkpoint inside its commits.
const db = openSqlite((workerData as { file: string }).file, { checkpoints: 'elsewhere' });
const repo = new AuditRepo(db);
const port = parentPort!;

port.on('message', async (m: AppendRequest | 'close') => {
  if (m === 'close') {
    await db.close();
    port.close();
    return;
  }
  let reply: AppendResult;
  try {
    await repo.appendBatch(m.events);
    reply = { id: m.id, ok: true };
  } catch (err) {
    reply = { id: m.id, ok: false, message: (err as Error).message ?? String(err) };
  }
  port.postMessage(reply);
});
port.postMessage('ready');
