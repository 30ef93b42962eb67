/**
 * Build of the review SPA (REVIEW §1): root web/, output dist/web, served by `junction review`. No CDN: every
 * asset is bundled. In development, `npx vite --config web/vite.config.ts` proxies /api to a running
 * `junction review --port 4180`.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: { '/api': process.env.JUNCTION_API ?? 'http://127.0.0.1:4180' },
  },
});
