import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { isMulticast } from '../protocol/multicast.js';
import { FaultInjector, type StreamFaults } from './fault-injector.js';
import { PacedLoop } from './paced-loop.js';

/** Counters of one simulated stream since it started. */
export interface SenderStats {
  /** Packets produced (sequence numbers used). */
  generated: number;
  /** Datagrams handed to the socket, duplicates included. */
  sent: number;
  /** Packets dropped by loss or burst loss. */
  dropped: number;
  /** Extra copies sent. */
  duplicated: number;
  /** Packets sent after later ones. */
  reordered: number;
}

/**
 * Sends the packets of one stream to one destination at a fixed rate, through
 * the fault injector. Packets are produced on demand by `produce(n)`.
 */
export class UdpStreamSender {
  /** Counters since start. */
  readonly stats: SenderStats = { generated: 0, sent: 0, dropped: 0, duplicated: 0, reordered: 0 };
  private readonly socket: Socket;
  private readonly loop: PacedLoop;
  private readonly faults: FaultInjector;
  private readonly held: Array<{ packet: Buffer; left: number }> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  /**
   * @param host - destination address
   * @param port - destination port
   * @param intervalMs - time between packets (already divided by the speed factor)
   * @param faults - fault rates
   * @param produce - builds packet `n`
   * @param multicastInterface - local address to send multicast from (default: the system's choice)
   */
  constructor(
    private readonly host: string,
    private readonly port: number,
    intervalMs: number,
    faults: StreamFaults,
    private readonly produce: (n: number) => Buffer,
    multicastInterface?: string,
  ) {
    this.faults = new FaultInjector(faults);
    this.socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    // A receiver that is gone (ICMP port unreachable) must not kill the device.
    this.socket.on('error', () => {});
    this.loop = new PacedLoop(intervalMs, (n) => this.emit(n));
    if (multicastInterface && isMulticast(host)) {
      this.socket.bind(0, () => {
        if (this.closed) return;
        this.socket.setMulticastInterface(multicastInterface);
        this.loop.startNow();
      });
    } else {
      this.loop.startNow();
    }
  }

  /** Stops sending and closes the socket. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.loop.stop();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.held.length = 0;
    this.socket.close();
  }

  private emit(n: number): void {
    const packet = this.produce(n);
    this.stats.generated++;
    const fate = this.faults.next();
    if (fate.drop) {
      this.stats.dropped++;
    } else {
      if (fate.holdBack > 0) {
        this.stats.reordered++;
      } else {
        this.transmit(packet, fate.delayMs);
      }
      if (fate.duplicate) {
        this.stats.duplicated++;
        this.transmit(packet, fate.delayMs);
      }
    }
    // Held packets go out after the packets generated after them.
    for (let i = 0; i < this.held.length; ) {
      if (--this.held[i].left <= 0) {
        this.transmit(this.held.splice(i, 1)[0].packet, fate.delayMs);
      } else {
        i++;
      }
    }
    if (!fate.drop && fate.holdBack > 0) this.held.push({ packet, left: fate.holdBack });
  }

  private transmit(packet: Buffer, delayMs: number): void {
    if (this.closed) return;
    if (delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.transmit(packet, 0);
      }, delayMs);
      this.timers.add(timer);
      return;
    }
    this.stats.sent++;
    this.socket.send(packet, this.port, this.host);
  }
}
