import { createServer } from 'node:net';
import { captureAudio, type Ultimate64Client } from '@sidflow/ultimate64';

/**
 * Listens to what a (simulated) Ultimate 64 is sounding right now: starts its
 * UDP audio stream toward a loopback socket, captures `seconds` of it and
 * stops the stream again. Returns the peak sample, so a caller can tell a
 * playing machine from a silent one without trusting the adapter's own account.
 */
export async function devicePeak(client: Ultimate64Client, seconds = 0.25): Promise<number> {
  try {
    const { pcm } = await captureAudio({
      seconds,
      listen: { host: '127.0.0.1', port: 0 },
      idleTimeoutMs: 5000,
      onListening: ({ port }) => client.startStream('audio', `127.0.0.1:${port}`),
    });
    let peak = 0;
    for (let i = 0; i < pcm.length; i++) peak = Math.max(peak, Math.abs(pcm[i]));
    return peak;
  } finally {
    await client.stopStream('audio');
  }
}

/** A loopback TCP port nobody listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
