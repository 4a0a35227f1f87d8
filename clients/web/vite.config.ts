import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './src/csp';

// The pages are built straight into the server's static files; the server serves them with UseDefaultFiles + UseStaticFiles.
const outDir = resolve(__dirname, '../../src/LiveInteract.Server/wwwroot');

// The policy goes into every built page as a <meta> tag. Only at build time: Vite's dev server injects inline
// styles and scripts for hot reload, which the policy (rightly) forbids.
function cspMeta(): Plugin {
  return {
    name: 'liveinteract-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy }, injectTo: 'head-prepend' }],
    },
  };
}

// The head every page shares, written once here instead of in each HTML file (each page keeps only its <title>).
// order 'pre' puts the charset first, within the first 1024 bytes as browsers require.
function sharedHead(): Plugin {
  return {
    name: 'liveinteract-shared-head',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        { tag: 'meta', attrs: { charset: 'utf-8' }, injectTo: 'head-prepend' },
        { tag: 'meta', attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1, viewport-fit=cover' }, injectTo: 'head-prepend' },
        { tag: 'meta', attrs: { name: 'referrer', content: 'no-referrer' }, injectTo: 'head-prepend' },
      ],
    },
  };
}

export default defineConfig({
  plugins: [sharedHead(), cspMeta()],
  build: {
    outDir,
    emptyOutDir: true,
    // No inline <script>/<style> and no data: module preloads: everything is a same-origin file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // hls.js (~600 kB) is loaded on demand, only when a room has an HLS playlist.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      // @microsoft/signalr ships /*#__PURE__*/ comments where Rollup cannot use them; harmless, and not ours to fix.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('@microsoft/signalr')) return;
        warn(warning);
      },
      output: {
        manualChunks: id => (id.includes('node_modules/@microsoft/signalr') ? 'signalr' : undefined),
      },
      input: {
        lobby: resolve(__dirname, 'index.html'),
        room: resolve(__dirname, 'room.html'),
        studio: resolve(__dirname, 'studio.html'),
        insights: resolve(__dirname, 'insights.html'),
      },
    },
  },
  server: {
    // `npm run dev` against a server running at :5000 (the README command).
    proxy: {
      '/api': 'http://127.0.0.1:5000',
      '/rooms': { target: 'http://127.0.0.1:5000', ws: true },
      '/hubs': { target: 'http://127.0.0.1:5000', ws: true },
    },
  },
});
