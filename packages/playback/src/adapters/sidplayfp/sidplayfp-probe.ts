import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSidFile, writeSidFile } from '@sidflow/core';

/** What {@link probeSidplayfp} found out. */
export interface SidplayfpInfo {
  /** Full path of the binary. */
  path: string;
  /** sidplayfp's version, e.g. `2.4.0`, or null when its banner did not say. */
  version: string | null;
  /** libsidplayfp's version, or null. */
  library: string | null;
}

const probed = new Map<string, Promise<SidplayfpInfo>>();

/**
 * Reads the version from sidplayfp's banner by rendering 1 s of a silent
 * tune to a WAV file (sidplayfp has no `--version`; the WAV output needs no
 * audio device). Remembered per path for the life of the process.
 */
export function probeSidplayfp(path: string, timeoutMs = 5000): Promise<SidplayfpInfo> {
  let info = probed.get(path);
  if (!info) {
    info = probeOnce(path, timeoutMs);
    probed.set(path, info);
  }
  return info;
}

async function probeOnce(path: string, timeoutMs: number): Promise<SidplayfpInfo> {
  const dir = await mkdtemp(join(tmpdir(), 'sidflow-sidplayfp-probe-'));
  try {
    // init and play are RTS: a valid tune that makes no sound.
    const sid = createSidFile({
      name: 'probe',
      loadAddress: 0x1000,
      initAddress: 0x1000,
      playAddress: 0x1000,
      data: new Uint8Array([0x60]),
    });
    const tune = join(dir, 'probe.sid');
    await writeFile(tune, writeSidFile(sid));
    const banner = await new Promise<string>((resolve) => {
      const child = spawn(path, ['-t1', `-w${join(dir, 'probe.wav')}`, tune], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString('latin1');
      });
      child.stderr.on('data', (d: Buffer) => {
        text += d.toString('latin1');
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', () => resolve(text));
      child.on('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
    });
    return {
      path,
      version: /Sidplayfp V([\d.]+)/i.exec(banner)?.[1] ?? null,
      library: /Libsidplayfp V([\d.]+)/i.exec(banner)?.[1] ?? null,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
