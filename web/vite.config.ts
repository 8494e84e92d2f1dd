/**
 * The console's build (`npm run build:web` → web/dist, served by the API at `/`) and its dev server
 * (`npm run dev:web`, proxying the API's routes to `npm start` on API_URL, default 127.0.0.1:4000).
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The API replaces the placeholder with a fresh nonce per page (src/http/web-console.ts).
  html: { cspNonce: '__CSP_NONCE__' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: Object.fromEntries(['/graphql', '/auth', '/documents', '/supplier-lists'].map((p) => [p, api])),
  },
});
