// Compiles one TypeScript module of the client to plain ESM with Vite (already a dependency), so node:test can
// exercise the client's logic directly, without a browser.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const clientRoot = resolve(import.meta.dirname, '../..');

export async function importClientModule(relativePath) {
  const outDir = mkdtempSync(join(tmpdir(), 'li-web-unit-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    root: clientRoot,
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: resolve(clientRoot, relativePath), formats: ['es'], fileName: 'module' },
      // The modules under test use DOM types only, not the DOM or npm packages at run time.
      rollupOptions: { external: [/^@microsoft\/signalr/, /^hls\.js/] },
    },
  });
  return import(pathToFileURL(join(outDir, 'module.js')).href);
}
