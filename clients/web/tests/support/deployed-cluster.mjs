// The deployed shape on one machine, as processes: Debian's redis-server, three silos in the Cluster profile and
// Debian's nginx running deploy/nginx.conf (the file docker-compose.yml mounts), as the current user under a temp prefix.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repoRoot } from './server.mjs';

const serverDir = join(repoRoot, 'src/LiveInteract.Server');
const serverDll = join(serverDir, 'bin/Release/net10.0/LiveInteract.Server.dll');
export const signingKey = 'proxied-cluster-test-signing-key-0123456789';
// Rooms:IdKey, the same on every silo (docker-compose.yml passes LIVEINTERACT_ROOM_ID_KEY to each).
const roomIdKey = 'proxied-cluster-test-room-id-key-9876543210';

/** A child process whose output is kept for failure messages; `kill(signal)` and `stop()` end it. */
function child(command, args, options) {
  const process = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  process.stdout.on('data', d => (output += d));
  process.stderr.on('data', d => (output += d));
  const exited = new Promise(ok => process.once('exit', ok));
  const alive = () => process.exitCode === null && process.signalCode === null;
  return {
    process,
    output: () => output,
    alive,
    async kill(signal = 'SIGKILL') {
      if (alive()) process.kill(signal);
      await exited;
    },
    async stop() {
      if (!alive()) return;
      process.kill('SIGTERM');
      const timer = setTimeout(() => process.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function until(what, condition, timeoutMs, diagnostics = () => '') {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await condition()) return;
    } catch {
      // not yet
    }
    await new Promise(ok => setTimeout(ok, 200));
  }
  throw new Error(`${what} within ${timeoutMs} ms:\n${diagnostics()}`);
}

async function listening(port) {
  return new Promise(ok => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); ok(true); });
    socket.once('error', () => ok(false));
  });
}

/**
 * deploy/nginx.conf made runnable here by mechanical substitution only: the silos' host:ports, the listen address, the
 * log and temp paths (Debian's compiled-in ones belong to root). Each substitution must match, so a change to the
 * file that the test no longer understands fails here rather than testing something else.
 */
export function deriveNginxConfig(original, { siloPorts, listenPort, prefix }) {
  const substitutions = [
    [/\bsilo([123]):8080\b/g, (_, n) => `127.0.0.1:${siloPorts[Number(n) - 1]}`],
    [/\blisten 80;/g, `listen 127.0.0.1:${listenPort};`],
    [/access_log \/var\/log\/nginx\/access\.log/g, `access_log ${prefix}/access.log`],
    [/\bhttp \{/, `http {\n  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi;\n  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;`],
  ];
  let config = original;
  for (const [pattern, replacement] of substitutions) {
    if (!pattern.test(config)) throw new Error(`deploy/nginx.conf no longer has ${pattern}`);
    pattern.lastIndex = 0;
    config = config.replace(pattern, replacement);
  }
  return config;
}

export async function startSilo({ redisPort, clusterId, dataRoot }) {
  const [httpPort, siloPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  const silo = child('dotnet', [serverDll, '--urls', `http://127.0.0.1:${httpPort}`], {
    cwd: serverDir, // content root: the built pages in wwwroot
    env: {
      ...process.env,
      LiveInteract__Profile: 'Cluster',
      LiveInteract__Redis: `127.0.0.1:${redisPort},abortConnect=false`,
      LiveInteract__ClusterId: clusterId,
      LiveInteract__ServiceId: clusterId,
      LiveInteract__SiloPort: String(siloPort),
      LiveInteract__GatewayPort: String(gatewayPort),
      LiveInteract__DataDirectory: mkdtempSync(join(dataRoot, 'silo-')),
      Auth__SigningKey: signingKey,
      Rooms__IdKey: roomIdKey,
      // As docker-compose.yml runs them: silo-to-silo TLS off on the private network (its default), guest tokens
      // and demo coins turned on the way LIVEINTERACT_GUEST_TOKENS / Gifts__DemoTopUps do (off by default in Cluster).
      LiveInteract__Tls__Enabled: 'false',
      Auth__GuestTokens: 'true',
      Gifts__DemoTopUps: 'true',
      Relays__ResubscribeInterval: '00:00:03',
      Demo__Enabled: 'false',
      Logging__LogLevel__Default: 'Warning',
    },
  });
  silo.httpPort = httpPort;
  silo.url = `http://127.0.0.1:${httpPort}`;
  await until(`silo on ${httpPort} healthy`, async () => (await fetch(`${silo.url}/healthz`)).ok && silo.alive(), 90_000, silo.output);
  return silo;
}

export async function startDeployedCluster() {
  const scratch = mkdtempSync(join(tmpdir(), 'li-deployed-'));
  const started = [];
  const stopAll = async () => {
    for (const p of started.reverse()) await p.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const redisPort = await freePort();
    const redis = child('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {});
    started.push(redis);
    await until('redis-server listening', () => listening(redisPort), 10_000, redis.output);

    const clusterId = `proxied-${Date.now()}`;
    const silos = [];
    for (let i = 0; i < 3; i++) {
      const silo = await startSilo({ redisPort, clusterId, dataRoot: scratch });
      started.push(silo);
      silos.push(silo);
    }

    const proxyPort = await freePort();
    const prefix = join(scratch, 'nginx');
    const conf = join(scratch, 'nginx.conf');
    rmSync(prefix, { recursive: true, force: true });
    mkdirSync(prefix, { recursive: true });
    writeFileSync(conf, deriveNginxConfig(readFileSync(join(repoRoot, 'deploy/nginx.conf'), 'utf8'), { siloPorts: silos.map(s => s.httpPort), listenPort: proxyPort, prefix }));
    const nginx = child('nginx', ['-p', prefix, '-c', conf, '-g', `daemon off; pid ${prefix}/nginx.pid; error_log ${prefix}/error.log warn;`], {});
    started.push(nginx);
    const url = `http://127.0.0.1:${proxyPort}`;
    await until('nginx answering /healthz', async () => (await fetch(`${url}/healthz`)).ok, 15_000,
      () => nginx.output() + (() => { try { return readFileSync(`${prefix}/error.log`, 'utf8'); } catch { return ''; } })());
    return { url, silos, nginx, prefix, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** SignalR's connection count on one silo (Microsoft.AspNetCore.Http.Connections meter, from /metrics). */
export async function activeConnections(silo) {
  const text = await (await fetch(`${silo.url}/metrics`)).text();
  return text.split('\n').filter(l => l.startsWith('signalr_server_active_connections')).reduce((sum, l) => sum + Number(l.trim().split(/\s+/).at(-1)), 0);
}
