// The playback adapter contract: the same cases run against every adapter, through the facade,
// in Node (vitest) and in Chromium (bundled into the test page). No test framework here, so
// the cases run in both places; each throws on the first broken promise.
import type { PlaybackService, PlaybackState } from '../../src/index.js';

/** What a contract run needs from the adapter under test. */
export interface ContractHarness {
  /** A new service with a fresh instance of the adapter under test as its only adapter. */
  createService(): PlaybackService;
  /** The adapter's id. */
  adapterId: string;
  /** A valid tune with at least two songs. */
  tune: Uint8Array;
  /** Bytes that are not a SID tune. */
  corrupt: Uint8Array;
  /** Whether the adapter can seek to any point (hardware restarts only). */
  canSeek: boolean;
  /** Returns a problem when audio resources still run after `stop` (a child process, a context). */
  leftRunning(service: PlaybackService): Promise<string | null>;
}

/** One contract case. */
export interface ContractCase {
  /** What the adapter must do. */
  name: string;
  /** Runs the case; throws when the adapter breaks the contract. */
  run(h: ContractHarness): Promise<void>;
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function stateOf(s: PlaybackService): PlaybackState {
  return s.state;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, test: () => boolean, ms = 4000): Promise<void> {
  const until = Date.now() + ms;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}

async function withService(h: ContractHarness, body: (s: PlaybackService) => Promise<void>) {
  const service = h.createService();
  try {
    await body(service);
  } finally {
    await service.dispose();
  }
}

async function playing(h: ContractHarness, s: PlaybackService, song?: number): Promise<void> {
  await s.load({ bytes: h.tune, name: 'contract' }, { song });
  await s.play();
  await waitFor('the position to pass 0.2 s', () => s.position > 0.2);
}

/** The cases, in the order they run. */
export const adapterContract: ContractCase[] = [
  {
    name: 'reports availability with a reason',
    async run(h) {
      await withService(h, async (s) => {
        const [status] = await s.availability();
        check(status.id === h.adapterId, `availability id ${status.id}`);
        check(status.available === true, `not available: ${status.reason}`);
        check(status.reason.length > 5, `reason too short: "${status.reason}"`);
      });
    },
  },
  {
    name: 'loads a tune into ready with its header facts',
    async run(h) {
      await withService(h, async (s) => {
        const states: PlaybackState[] = [];
        s.on('state', (e) => states.push(e.state));
        await s.load({ bytes: h.tune, name: 'contract' });
        check(stateOf(s) === 'ready', `state ${stateOf(s)}`);
        check(states.join(',') === 'loading,ready', `states ${states.join(',')}`);
        check(s.activeAdapter === h.adapterId, `active adapter ${s.activeAdapter}`);
        check((s.tune?.songs ?? 0) >= 2, `songs ${s.tune?.songs}`);
        check(s.position === 0, `position ${s.position}`);
      });
    },
  },
  {
    name: 'plays: the position advances in real time',
    async run(h) {
      await withService(h, async (s) => {
        await playing(h, s);
        check(stateOf(s) === 'playing', `state ${stateOf(s)}`);
        const from = s.position;
        const t0 = Date.now();
        await waitFor('the position to move on by 0.3 s', () => s.position > from + 0.3);
        // Not faster than the clock (allowing one report interval of slack).
        const wall = (Date.now() - t0) / 1000;
        const moved = s.position - from;
        check(
          moved < wall + 0.35,
          `moved ${moved.toFixed(3)} s in ${wall.toFixed(3)} s of wall time`,
        );
      });
    },
  },
  {
    name: 'pauses and resumes: the position holds while paused',
    async run(h) {
      await withService(h, async (s) => {
        await playing(h, s);
        await s.pause();
        check(stateOf(s) === 'paused', `state ${stateOf(s)}`);
        await sleep(100);
        const held = s.position;
        await sleep(400);
        check(Math.abs(s.position - held) < 0.06, `moved ${s.position - held} s while paused`);
        await s.resume();
        check(stateOf(s) === 'playing', `state ${stateOf(s)}`);
        await waitFor('the position to move again', () => s.position > held + 0.15);
      });
    },
  },
  {
    name: 'seeks: playback continues from the target',
    async run(h) {
      await withService(h, async (s) => {
        await playing(h, s);
        if (!h.canSeek) {
          await s.seek(0);
          check(stateOf(s) === 'playing', `state ${stateOf(s)} after restarting`);
          return;
        }
        await s.seek(3);
        check(stateOf(s) === 'playing', `state ${stateOf(s)}`);
        await waitFor('the position to pass 3.1 s', () => s.position > 3.1);
        check(s.position < 5, `position ${s.position} after seeking to 3 s`);
        await s.pause();
        await s.seek(1);
        check(stateOf(s) === 'paused', `state ${stateOf(s)} after a paused seek`);
        check(Math.abs(s.position - 1) < 0.05, `position ${s.position} after seeking to 1 s`);
      });
    },
  },
  {
    name: 'changes song and keeps playing',
    async run(h) {
      await withService(h, async (s) => {
        await playing(h, s, 1);
        await s.setSong(2);
        check(s.song === 2, `song ${s.song}`);
        check(stateOf(s) === 'playing', `state ${stateOf(s)}`);
        await waitFor('the position to pass 0.2 s in song 2', () => s.position > 0.2);
      });
    },
  },
  {
    name: 'stops: ready at 0 s, nothing left running, plays again',
    async run(h) {
      await withService(h, async (s) => {
        await playing(h, s);
        await s.stop();
        check(stateOf(s) === 'ready', `state ${stateOf(s)}`);
        check(s.position === 0, `position ${s.position}`);
        const problem = await h.leftRunning(s);
        check(problem === null, `after stop: ${problem}`);
        await s.play();
        await waitFor('the position to move after a restart', () => s.position > 0.1);
      });
    },
  },
  {
    name: 'ends after the requested length with trackend',
    async run(h) {
      await withService(h, async (s) => {
        let ended = 0;
        s.on('trackend', () => ended++);
        await s.load({ bytes: h.tune }, { seconds: 0.6 });
        await s.play();
        await waitFor('the end of the song', () => stateOf(s) === 'ended');
        check(ended === 1, `trackend fired ${ended} times`);
        let problem = await h.leftRunning(s);
        for (let i = 0; i < 40 && problem !== null; i++) {
          await sleep(50);
          problem = await h.leftRunning(s);
        }
        check(problem === null, `2 s after the end: ${problem}`);
      });
    },
  },
  {
    name: 'a corrupt tune gives the error state, a readable message, and the service recovers',
    async run(h) {
      await withService(h, async (s) => {
        let reported = '';
        s.on('error', (e) => {
          reported = e.error.message;
        });
        let thrown: unknown = null;
        await s.load({ bytes: h.corrupt, name: 'broken.sid' }).catch((e: unknown) => {
          thrown = e;
        });
        check(thrown !== null, 'load of a corrupt tune did not reject');
        check(stateOf(s) === 'error', `state ${stateOf(s)}`);
        check(s.error?.code === 'PLAYBACK_BAD_TUNE', `code ${s.error?.code}`);
        check(/broken\.sid is not a playable SID tune/.test(reported), `message "${reported}"`);
        await playing(h, s);
      });
    },
  },
  {
    name: 'removed listeners hear nothing; dispose is idempotent; calls after it reject',
    async run(h) {
      const s = h.createService();
      let heard = 0;
      const off = s.on('state', () => heard++);
      off();
      await s.load({ bytes: h.tune });
      check(heard === 0, `a removed listener was called ${heard} times`);
      await s.dispose();
      await s.dispose();
      const err = await s.play().catch((e: { code?: string }) => e);
      check(
        (err as { code?: string })?.code === 'PLAYBACK_DISPOSED',
        'play after dispose did not reject',
      );
    },
  },
];
