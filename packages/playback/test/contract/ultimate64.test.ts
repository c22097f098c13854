import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaybackService } from '../../src/index.js';
import { createUltimate64Adapter } from '../../src/ultimate64.js';
import { type DeviceStandIn, standInClient, startDeviceStandIn } from '../device-stand-in.js';
import { corruptTune, demoTune } from '../fixtures.js';
import { runAdapterContract } from './run-contract.js';

let device: DeviceStandIn;
beforeAll(async () => {
  device = await startDeviceStandIn();
});
afterAll(() => device.close());

describe('contract: Ultimate 64 adapter (HTTP device stand-in)', () => {
  runAdapterContract(() => ({
    adapterId: 'ultimate64',
    createService: () =>
      createPlaybackService({
        adapters: [
          createUltimate64Adapter({ client: standInClient(device.host), name: device.host }),
        ],
      }),
    tune: demoTune(),
    corrupt: corruptTune,
    canSeek: false,
    async leftRunning() {
      return device.state === 'idle' ? null : `the device is ${device.state}, not reset`;
    },
  }));

  it('sends the tune with the song number and stops by machine reset', async () => {
    const s = createPlaybackService({
      adapters: [createUltimate64Adapter({ client: standInClient(device.host) })],
    });
    device.log.length = 0;
    await s.load({ bytes: demoTune() }, { song: 2 });
    await s.play();
    await s.stop();
    await s.dispose();
    expect(device.log).toContain('POST /v1/runners:sidplay?songnr=2');
    expect(device.log.at(-1)).toBe('PUT /v1/machine:reset');
    expect(device.lastTune).toBe(demoTune().length);
  });
});
