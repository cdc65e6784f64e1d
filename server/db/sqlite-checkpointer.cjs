// Worker thread: copies the SQLite write-ahead log back into the database file on its own connection,
// so the server's thread never does it inside a commit. A checkpoint run by the committing connection
// (SQLite's default, every 1,000 pages) stalled every request queued behind it: at 2,000 token
// exchanges per second that was the p99 (bench/README.md, "STS and audit").
// PASSIVE checkpoints never block the writer. If the log still grows past `maxWalPages` (the writer
// never lets a passive checkpoint finish), one RESTART checkpoint makes the writer wait once.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const { file, intervalMs, maxWalPages } = workerData;
const db = new Database(file);
db.pragma('busy_timeout = 5000');

const timer = setInterval(() => {
  try {
    const [passive] = db.pragma('wal_checkpoint(PASSIVE)');
    if (passive.log > maxWalPages) db.pragma('wal_checkpoint(RESTART)');
  } catch (err) {
    // Busy or I/O trouble: the next tick tries again; the server logs what we report.
    parentPort.postMessage({ error: String(err && err.message ? err.message : err) });
  }
}, intervalMs);

parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
