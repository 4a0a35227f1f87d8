// Builds and runs the real LiveInteract server as a child process for the browser tests.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../../../..');
const serverDir = join(repoRoot, 'src/LiveInteract.Server');
const serverDll = join(serverDir, 'bin/Release/net10.0/LiveInteract.Server.dll');

/** A TCP port nobody is listening on right now. */
export function freePort() {
  return new Promise((ok, fail) => {
    const probe = net.createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/** `dotnet build src/LiveInteract.Server -c Release`, once per test run. */
export function buildServer() {
  const build = spawnSync('dotnet', ['build', 'src/LiveInteract.Server', '-c', 'Release', '-nologo', '-v', 'q'], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`server build failed:\n${build.stdout}\n${build.stderr}`);
}

/**
 * Starts the built server on free loopback ports with a fresh data folder and waits for /healthz.
 * Runs in the project folder so its content root (wwwroot with the built pages, appsettings.json) is the project's.
 */
export async function startServer(extraEnv = {}) {
  const [httpPort, siloPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  const dataDirectory = mkdtempSync(join(tmpdir(), 'li-web-e2e-'));
  const url = `http://127.0.0.1:${httpPort}`;
  const child = spawn('dotnet', [serverDll, '--urls', url], {
    cwd: serverDir,
    env: {
      ...process.env,
      LiveInteract__DataDirectory: dataDirectory,
      LiveInteract__SiloPort: String(siloPort),
      LiveInteract__GatewayPort: String(gatewayPort),
      Demo__Enabled: 'false',
      Logging__LogLevel__Default: 'Warning',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', d => (output += d));
  child.stderr.on('data', d => (output += d));
  const exited = new Promise(ok => child.once('exit', ok));
  // If the test process dies or is interrupted, do not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  const killOnSignal = signal => {
    child.kill('SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', killOnExit);
  process.once('SIGINT', killOnSignal);
  process.once('SIGTERM', killOnSignal);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    process.removeListener('SIGINT', killOnSignal);
    process.removeListener('SIGTERM', killOnSignal);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    }
    rmSync(dataDirectory, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const health = await fetch(`${url}/healthz`);
      if (health.ok) return { url, port: httpPort, stop, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise(ok => setTimeout(ok, 250));
  }
  await stop();
  throw new Error(`server did not become healthy at ${url}:\n${output}`);
}

/**
 * A few seconds of a real street video (opencv-doc's vtest.avi, installed by scripts/setup.sh) as WebM, a format
 * Chromium plays: the studio's "test video" source.
 */
export function testVideo(directory) {
  const output = join(directory, 'vtest.webm');
  const ffmpeg = spawnSync('ffmpeg', ['-v', 'error', '-y', '-t', '3', '-i', '/usr/share/doc/opencv-doc/examples/data/vtest.avi', '-an', '-c:v', 'libvpx', '-b:v', '800k', '-deadline', 'realtime', '-cpu-used', '8', output], { encoding: 'utf8' });
  if (ffmpeg.status !== 0) throw new Error(`ffmpeg failed: ${ffmpeg.stderr}`);
  return output;
}

/** Signs in over REST (for set-up that is not what a test is about). */
export async function signIn(baseUrl, name, role) {
  const response = await fetch(`${baseUrl}/api/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, role }) });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return response.json();
}

export async function rest(baseUrl, token, method, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} failed: ${response.status} ${await response.text()}`);
  return response.json();
}
