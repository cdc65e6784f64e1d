import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is a static SPA: `vite build` writes dist/, which the server serves.
// In development Vite proxies the API to a `caracal web` started on CARACAL_DEV_API (default :8080).
const api = process.env.CARACAL_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco's own chunk is ~1 MiB gzip by design; it is lazy, so the warning is noise.
    chunkSizeWarningLimit: 5000,
  },
  server: {
    proxy: {
      '/v1': { target: api, changeOrigin: false },
      '/ready': api,
      '/health': api,
    },
  },
  worker: { format: 'es' },
});
