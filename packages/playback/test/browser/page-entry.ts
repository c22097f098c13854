/// <reference lib="dom" />
// Bundled into the test page: the facade, the browser adapters and the contract cases.
import {
  createPlaybackService,
  type PlaybackService,
  type TelemetryEvent,
} from '../../src/index.js';
import { createStreamAdapter, type StreamFormat } from '../../src/stream.js';
import { createWorkletAdapter, type WorkletAdapter } from '../../src/worklet.js';
import { adapterContract, type ContractHarness } from '../contract/adapter-contract.js';

/** Which adapter a page run uses. */
export interface PageConfig {
  adapter: 'worklet' | 'stream';
  renderPath?: 'auto' | 'shared-ring' | 'worklet';
  formats?: StreamFormat[];
  streamId?: string;
}

async function bytes(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

function makeAdapter(config: PageConfig) {
  if (config.adapter === 'stream') {
    return createStreamAdapter({ formats: config.formats ?? ['wav'] });
  }
  return createWorkletAdapter({
    processorUrl: '/bundles/sidflow-worklet.js',
    workerUrl: '/bundles/sidflow-render-worker.js',
    renderPath: config.renderPath ?? 'auto',
  });
}

async function runCase(name: string, config: PageConfig): Promise<string | null> {
  const c = adapterContract.find((x) => x.name === name);
  if (!c) return `no case "${name}"`;
  const tune = await bytes('/tunes/ode-to-joy.sid');
  const adapters = new WeakMap<PlaybackService, ReturnType<typeof makeAdapter>>();
  const harness: ContractHarness = {
    adapterId: config.adapter,
    createService() {
      const adapter = makeAdapter(config);
      const service = createPlaybackService({ adapters: [adapter] });
      adapters.set(service, adapter);
      const load = service.load.bind(service);
      // The stream adapter finds renders by id; the contract loads anonymous bytes.
      service.load = (source, options) =>
        load(
          'bytes' in source ? { ...source, id: config.streamId ?? 'contract' } : source,
          options,
        );
      return service;
    },
    tune,
    corrupt: new TextEncoder().encode('PSIX this is not a tune at all, just text'),
    canSeek: true,
    async leftRunning(service) {
      const adapter = adapters.get(service);
      if (!adapter) return 'unknown service';
      if (config.adapter === 'stream') {
        const media = (adapter as ReturnType<typeof createStreamAdapter>).media;
        return media && !media.paused ? 'the media element still plays' : null;
      }
      const state = (adapter as WorkletAdapter).audioContext.state;
      return state === 'running' ? 'the AudioContext still runs' : null;
    },
  };
  try {
    await c.run(harness);
    return null;
  } catch (error) {
    return (error as Error).stack ?? String(error);
  }
}

/** Plays `seconds` of a tune and reports what reached the output. */
async function listen(config: PageConfig & { tune: string; seconds: number }) {
  const adapter = makeAdapter(config) as WorkletAdapter;
  const telemetry: TelemetryEvent[] = [];
  const service = createPlaybackService({
    adapters: [adapter],
    telemetry: (e) => telemetry.push(e),
  });
  let registerFrames = 0;
  let notes = 0;
  let underruns = 0;
  service.on('registers', () => registerFrames++);
  service.on('note', () => notes++);
  service.on('underrun', (e) => {
    underruns = e.total;
  });
  await service.load({ url: config.tune });
  const analyser = adapter.audioContext.createAnalyser();
  analyser.fftSize = 2048;
  adapter.outputNode.connect(analyser);
  const data = new Float32Array(analyser.fftSize);
  let maxRms = 0;
  await service.play();
  // Play until `seconds` of audio have been heard (a loaded machine may start late), at most
  // twice that (and at least 15 s) of wall time.
  const until = performance.now() + Math.max(15, 2 * config.seconds) * 1000;
  while (service.position < config.seconds && performance.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    analyser.getFloatTimeDomainData(data);
    let sum = 0;
    for (const v of data) sum += v * v;
    maxRms = Math.max(maxRms, Math.sqrt(sum / data.length));
  }
  const result = {
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    renderPath: service.renderPath,
    position: service.position,
    maxRms,
    registerFrames,
    notes,
    underruns,
    stats: adapter.stats,
    telemetry,
    contextState: '',
  };
  await service.stop();
  result.contextState = adapter.audioContext.state;
  await service.dispose();
  return result;
}

(globalThis as unknown as { sidflowTest: unknown }).sidflowTest = {
  cases: adapterContract.map((c) => c.name),
  runCase,
  listen,
};
