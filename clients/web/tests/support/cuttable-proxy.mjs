// A loopback TCP proxy the test can cut: every open connection is dropped and new ones are refused until
// restored. One browser page goes through it, so its connection to the real server can drop while others stay.
import net from 'node:net';

export async function startProxy(targetPort) {
  const sockets = new Set();
  let down = false;
  const server = net.createServer(client => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const [a, b] of [[client, upstream], [upstream, client]]) {
      sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  });
  await new Promise(ok => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      down = false;
    },
    close() {
      down = true;
      for (const socket of sockets) socket.destroy();
      return new Promise(ok => server.close(ok));
    },
  };
}
