import { SidflowError } from '@sidflow/core';

/**
 * The device answered with a non-empty `errors` array (on any HTTP status,
 * including 200) or with an HTTP error status. `errors` holds the device's
 * own messages.
 */
export class DeviceError extends SidflowError {
  /** HTTP status of the reply. */
  readonly status: number;
  /** The device's `errors` array (may be empty when only the status was bad). */
  readonly errors: readonly string[];

  /**
   * @param route - the request line, e.g. `PUT /v1/machine:reset`
   * @param status - HTTP status
   * @param errors - the device's messages
   */
  constructor(route: string, status: number, errors: readonly string[]) {
    const detail = errors.length ? errors.join('; ') : `HTTP ${status}`;
    super('U64_DEVICE_ERROR', `${route} failed on the device: ${detail}`);
    this.status = status;
    this.errors = errors;
  }
}

/** HTTP 403: the device has a network password and it was missing or wrong. */
export class AuthenticationError extends SidflowError {
  /** @param route - the request line */
  constructor(route: string) {
    super(
      'U64_AUTH',
      `${route} was refused (HTTP 403): the device needs its network password; ` +
        'pass the one set under "Network Password" in the device menu',
    );
  }
}

/** The device did not answer within the timeout (after any retries). */
export class DeviceTimeoutError extends SidflowError {
  /**
   * @param route - the request line
   * @param timeoutMs - the per-attempt timeout
   */
  constructor(route: string, timeoutMs: number, options?: ErrorOptions) {
    super(
      'U64_TIMEOUT',
      `${route}: no answer within ${timeoutMs} ms; check the host and that the device is on`,
      options,
    );
  }
}

/** The connection could not be made (refused, unknown host, reset). */
export class DeviceUnreachableError extends SidflowError {
  /**
   * @param route - the request line
   * @param reason - the socket error text
   */
  constructor(route: string, reason: string, options?: ErrorOptions) {
    super('U64_UNREACHABLE', `${route}: cannot reach the device (${reason})`, options);
  }
}

/** The reply was not what the REST API sends (e.g. an HTML page: not an Ultimate device). */
export class UnexpectedResponseError extends SidflowError {
  /**
   * @param route - the request line
   * @param detail - what was wrong with the reply
   */
  constructor(route: string, detail: string) {
    super(
      'U64_BAD_RESPONSE',
      `${route}: ${detail}; is this host an Ultimate 64 / 1541 Ultimate with firmware 3.11 or newer?`,
    );
  }
}

/** An argument the device would reject, caught before sending. */
export class InvalidArgumentError extends SidflowError {
  /**
   * @param name - the argument
   * @param problem - what is wrong with it
   */
  constructor(name: string, problem: string) {
    super('U64_BAD_ARGUMENT', `${name} ${problem}`);
  }
}

/** The operation was cancelled through its `AbortSignal`. */
export class OperationAbortedError extends SidflowError {
  /** @param what - the operation that was cancelled */
  constructor(what: string, options?: ErrorOptions) {
    super('U64_ABORTED', `${what} was cancelled`, options);
  }
}

/** Statistics a capture error carries (a structural copy of `CaptureStats`). */
export interface CaptureErrorStats {
  /** Packets expected so far. */
  expected: number;
  /** Packets missing so far. */
  lost: number;
  /** lost ÷ expected. */
  lossRate: number;
}

/** Capture stopped early because the packet loss rate passed the configured limit. */
export class CaptureLossError extends SidflowError {
  /** The counters when the capture gave up. */
  readonly stats: CaptureErrorStats;
  /** The configured limit (0..1). */
  readonly maxLoss: number;

  /**
   * @param stats - counters at the time of failure
   * @param maxLoss - the limit that was exceeded
   */
  constructor(stats: CaptureErrorStats, maxLoss: number) {
    super(
      'U64_CAPTURE_LOSS',
      `capture stopped: ${stats.lost} of ${stats.expected} packets lost ` +
        `(${(stats.lossRate * 100).toFixed(2)} %) exceeds the limit of ${(maxLoss * 100).toFixed(2)} %; ` +
        'use a wired connection or raise --max-loss',
    );
    this.stats = stats;
    this.maxLoss = maxLoss;
  }
}

/** No stream packets arrived in time. */
export class CaptureStalledError extends SidflowError {
  /**
   * @param what - the stream, e.g. `audio`
   * @param idleMs - how long nothing arrived
   * @param received - packets received before the stall
   */
  constructor(what: string, idleMs: number, received: number) {
    super(
      'U64_CAPTURE_STALLED',
      `no ${what} stream packets for ${idleMs} ms (${received} received before); ` +
        'check that the listen address is reachable from the device and no firewall drops UDP',
    );
  }
}

/** The UDP socket could not be bound or joined to its multicast group. */
export class SocketError extends SidflowError {
  /**
   * @param what - what was attempted, e.g. `bind 127.0.0.1:11001`
   * @param reason - the system error text
   */
  constructor(what: string, reason: string, options?: ErrorOptions) {
    super('U64_SOCKET', `${what} failed: ${reason}`, options);
  }
}
