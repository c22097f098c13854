import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { SocketError } from '../errors.js';
import { AUDIO_PACKET_BYTES } from '../protocol/audio-stream-format.js';
import { isMulticast } from '../protocol/multicast.js';
import { DEFAULT_STREAM_PORTS } from '../protocol/stream-ports.js';
import {
  type PacketConsumer,
  PacketSequencer,
  type PacketSequencerOptions,
  type SequencerCounters,
} from './packet-sequencer.js';

/** Where to receive a stream. */
export interface ListenAddress {
  /** Local address to bind. Default `0.0.0.0`; a multicast group (224.0.0.0/4) is joined. */
  host?: string;
  /** UDP port. Default the stream's default port (audio 11001); 0 picks a free one. */
  port?: number;
  /** Local interface address to join a multicast group on. Default: the system's choice. */
  multicastInterface?: string;
}

/** Options of {@link AudioStreamReceiver.open}. */
export interface AudioStreamReceiverOptions extends PacketSequencerOptions {
  /** Where to listen. */
  listen?: ListenAddress;
  /** Accept packets only from this sender address (others are counted as foreign). */
  source?: string;
  /** Receives every packet in order (filled ones included). */
  onPacket: PacketConsumer;
  /** Told about malformed datagrams and foreign senders (first of each kind, then every 100th). */
  onWarning?: (message: string) => void;
  /** Socket receive buffer to ask the kernel for. Default 4 MiB. */
  receiveBufferBytes?: number;
}

/** Counters of an {@link AudioStreamReceiver}. */
export interface ReceiverCounters extends SequencerCounters {
  /** Datagrams of the wrong size. */
  malformed: number;
  /** Datagrams from another sender than the stream's. */
  foreign: number;
}

/**
 * A bound UDP socket receiving the audio stream: checks each datagram (size,
 * sender), and feeds the {@link PacketSequencer}, whose in-order packets go
 * to `onPacket` synchronously. Malformed datagrams and packets from other
 * senders are counted and survived.
 */
export class AudioStreamReceiver {
  /** Sequencer and receiver counters. */
  readonly counters: ReceiverCounters;
  private readonly sequencer: PacketSequencer;
  private sender: string | null = null;
  private closed = false;
  /** performance.now() of the last accepted datagram (0 = none yet). */
  lastPacketAt = 0;

  private constructor(
    private readonly socket: Socket,
    private readonly options: AudioStreamReceiverOptions,
  ) {
    this.sequencer = new PacketSequencer(options.onPacket, options);
    this.counters = Object.assign(this.sequencer.counters, { malformed: 0, foreign: 0 });
    socket.on('message', (message, remote) => this.receive(message, remote));
  }

  /**
   * Binds the socket (and joins the multicast group when the listen host is one).
   * @throws SocketError when the port is taken or the group cannot be joined
   */
  static async open(options: AudioStreamReceiverOptions): Promise<AudioStreamReceiver> {
    const host = options.listen?.host ?? '0.0.0.0';
    const port = options.listen?.port ?? DEFAULT_STREAM_PORTS.audio;
    const multicast = isMulticast(host);
    const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', reuseAddr: multicast });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind({ port, address: multicast ? undefined : host }, () => {
          socket.off('error', reject);
          resolve();
        });
      });
      if (multicast) socket.addMembership(host, options.listen?.multicastInterface);
    } catch (error) {
      socket.close();
      throw new SocketError(`bind UDP ${host}:${port}`, (error as Error).message, { cause: error });
    }
    try {
      socket.setRecvBufferSize(options.receiveBufferBytes ?? 4 << 20);
    } catch {
      // The kernel may cap or refuse the size; the default buffer still works at the device's rate.
    }
    socket.on('error', (error) => options.onWarning?.(`UDP socket error: ${error.message}`));
    return new AudioStreamReceiver(socket, options);
  }

  /** The bound local address and port. */
  get address(): { address: string; port: number } {
    const a = this.socket.address();
    return { address: a.address, port: a.port };
  }

  /** Next absolute packet index the sequencer will release. */
  get nextIndex(): number {
    return this.sequencer.nextIndex;
  }

  /** Releases held and missing packets up to `until` (absolute index). */
  flush(until?: number): void {
    this.sequencer.flush(until);
  }

  /** Stops receiving and closes the socket (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.removeAllListeners('message');
    this.socket.close();
  }

  private receive(message: Buffer, remote: RemoteInfo): void {
    if (this.closed) return;
    const counters = this.counters;
    const from = `${remote.address}:${remote.port}`;
    if (this.options.source !== undefined && remote.address !== this.options.source) {
      this.warnForeign(from);
      return;
    }
    if (message.length !== AUDIO_PACKET_BYTES) {
      counters.malformed++;
      if (counters.malformed === 1 || counters.malformed % 100 === 0) {
        this.options.onWarning?.(
          `dropped a ${message.length}-byte datagram from ${from} (audio packets are ${AUDIO_PACKET_BYTES}); ${counters.malformed} so far`,
        );
      }
      return;
    }
    // The stream comes from one socket on the device: lock onto the first sender.
    if (this.sender === null) this.sender = from;
    else if (from !== this.sender) {
      this.warnForeign(from);
      return;
    }
    this.lastPacketAt = performance.now();
    this.sequencer.push(message[0] | (message[1] << 8), message, 2);
  }

  private warnForeign(from: string): void {
    const counters = this.counters;
    counters.foreign++;
    if (counters.foreign === 1 || counters.foreign % 100 === 0) {
      this.options.onWarning?.(
        `ignored a datagram from ${from}, not the stream's sender; ${counters.foreign} so far`,
      );
    }
  }
}
