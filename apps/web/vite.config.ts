import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const engine = fileURLToPath(new URL('../../engine/src', import.meta.url));
const contracts = (plugin: string) =>
  fileURLToPath(new URL(`../../plugins/${plugin}/src/contracts/index.ts`, import.meta.url));

/** Dev server proxies the API and socket.io to a server started with `npm start` (port 3000). */
export default defineConfig({
  plugins: [svelte()],
  resolve: {
    alias: [
      { find: /^@liquide\/engine\/(.*)$/, replacement: `${engine}/$1` },
      { find: /^@liquide\/plugin-petitions\/contracts$/, replacement: contracts('petitions') },
      { find: /^@liquide\/plugin-co-drafting\/contracts$/, replacement: contracts('co-drafting') },
      { find: /^@liquide\/plugin-amendments\/contracts$/, replacement: contracts('amendments') },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/.well-known': 'http://localhost:3000',
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
