import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';

/**
 * The local IP address the system would use to reach `host` (a UDP
 * "connect" sends nothing; it only picks the route), so the device can be
 * told where to send its stream when we listen on 0.0.0.0.
 */
export async function localAddressToward(host: string, port = 80): Promise<string> {
  const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(port, host, () => resolve());
    });
    return socket.address().address;
  } finally {
    socket.close();
  }
}
