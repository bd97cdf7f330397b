import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const engine = fileURLToPath(new URL('../../engine/src', import.meta.url));
const contracts = (plugin: string) =>
  fileURLToPath(new URL(`../../plugins/${plugin}/src/contracts/index.ts`, import.meta.url));

/** Where the dev server proxies the API and socket.io: `npm run dev` sets it; else a server from `npm start`. */
const api = process.env.LIQUIDE_DEV_API ?? 'http://localhost:3000';

/** Dev server (hot module replacement) proxies the API and socket.io to the Liquide server. */
export default defineConfig({
  plugins: [svelte()],
  resolve: {
    alias: [
      { find: /^@liquide\/engine\/(.*)$/, replacement: `${engine}/$1` },
      { find: /^@liquide\/plugin-petitions\/contracts$/, replacement: contracts('petitions') },
      { find: /^@liquide\/plugin-co-drafting\/contracts$/, replacement: contracts('co-drafting') },
      { find: /^@liquide\/plugin-amendments\/contracts$/, replacement: contracts('amendments') },
      { find: /^@liquide\/plugin-questions\/contracts$/, replacement: contracts('questions') },
      { find: /^@liquide\/plugin-agenda\/contracts$/, replacement: contracts('agenda') },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': api,
      '/.well-known': api,
      '/health': api,
      '/socket.io': { target: api.replace(/^http/, 'ws'), ws: true },
    },
  },
});
