/**
 * Capture-path benchmark: a separate sender process streams well-formed audio
 * datagrams over loopback at rising packet rates; this process runs the full
 * capture path (receive, sequence, resample to 44.1 kHz, stage the WAV) and
 * reports, per rate, packets lost and the CPU it used. The device sends 250
 * packets/s; the target is at least 10× that without loss.
 *
 * Run: npm run bench -w @sidflow/ultimate64  [-- --seconds S --rates 2500,5000,...]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  AUDIO_FRAMES_PER_PACKET,
  AUDIO_PACKET_BYTES,
  captureAudio,
  PAL_AUDIO_RATE,
  PacketSequencer,
  StereoResampler,
} from '../src/index.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string' }, rates: { type: 'string' } },
});
/** Wall seconds of streaming per rate. */
const wallSeconds = Number(values.seconds ?? 4);
const rates = (values.rates ?? '250,2500,5000,10000,20000,40000').split(',').map(Number);

/** The sender: prebuilt packets (a 440 Hz tone), paced by absolute time in 1 ms batches. */
const SENDER = `
const dgram = require('node:dgram');
const [port, rate, count] = process.argv.slice(1).map(Number);
const socket = dgram.createSocket('udp4');
const payload = Buffer.alloc(770);
for (let i = 0; i < 192; i++) {
  const v = Math.round(12000 * Math.sin(i / 192 * 2 * Math.PI * 1.76));
  payload.writeInt16LE(v, 2 + i * 4); payload.writeInt16LE(v, 4 + i * 4);
}
// A device sends evenly: when this process was descheduled it drops the lost time
// instead of bursting to catch up (a burst would overflow any receiver and measure nothing).
const burst = Math.ceil(rate / 1000) * 2;
let start = performance.now();
let sent = 0;
function tick() {
  let due = Math.min(count, Math.floor((performance.now() - start) * rate / 1000) + 1);
  if (due - sent > burst) {
    start += ((due - sent - burst) * 1000) / rate;
    due = sent + burst;
  }
  while (sent < due) {
    const p = Buffer.from(payload);
    p.writeUInt16LE(sent & 0xffff, 0);
    socket.send(p, port, '127.0.0.1');
    sent++;
  }
  if (sent < count) setTimeout(tick, 1); else setTimeout(() => socket.close(), 50);
}
tick();
`;

async function runAt(rate: number, dir: string) {
  const packets = Math.round(rate * wallSeconds);
  const seconds =
    Math.floor((((packets - 40) * AUDIO_FRAMES_PER_PACKET) / PAL_AUDIO_RATE) * 100) / 100;
  let cpu0 = process.cpuUsage();
  let t0 = 0;
  const { stats } = await captureAudio({
    // The clock starts at the first packet: spawning the sender is not part of the capture.
    onPcm: () => {
      if (t0 === 0) {
        t0 = performance.now();
        cpu0 = process.cpuUsage();
      }
    },
    seconds,
    listen: { host: '127.0.0.1', port: 0 },
    firstSequence: 0,
    wavPath: join(dir, `bench-${rate}.wav`),
    idleTimeoutMs: 2000,
    onListening: ({ port }) => {
      spawn(process.execPath, ['-e', SENDER, String(port), String(rate), String(packets)], {
        stdio: 'ignore',
      });
    },
  });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    rate,
    packets: stats.expected,
    lost: stats.lost,
    achieved: Math.round(stats.expected / wall),
    cpuPercent: Math.round((cpuSeconds / wall) * 100),
    cpuMicrosPerPacket: Math.round((cpuSeconds / stats.expected) * 1e6),
  };
}

/** The processing alone (sequencer + resampler), no sockets: CPU per packet. */
function pipelineOnly(packets: number) {
  const datagram = new Uint8Array(AUDIO_PACKET_BYTES);
  for (let i = 2; i < datagram.length; i++) datagram[i] = (i * 131) & 0xff;
  const resampler = new StereoResampler({ inputRate: PAL_AUDIO_RATE, outputRate: 44_100 });
  const out = new Int16Array(resampler.maxOutput(AUDIO_FRAMES_PER_PACKET) * 2);
  const sequencer = new PacketSequencer(
    (_i, frames) => resampler.process(frames, 0, AUDIO_FRAMES_PER_PACKET, out, 0),
    { firstSequence: 0 },
  );
  const cpu0 = process.cpuUsage();
  for (let n = 0; n < packets; n++) sequencer.push(n & 0xffff, datagram, 2);
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / packets;
}

const dir = mkdtempSync(join(tmpdir(), 'u64-bench-'));
try {
  console.log(
    `capture path benchmark: ${wallSeconds} s per rate, ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  pipelineOnly(5000); // warm-up
  const micros = pipelineOnly(50_000);
  console.log(
    `sequencer + resampler alone: ${micros.toFixed(1)} CPU µs/packet = ${Math.round(1e6 / micros)} packets/s per core (${(1e6 / micros / 250).toFixed(0)}× the device)`,
  );
  console.log('rate/s  packets  lost  achieved/s  CPU %  CPU µs/packet');
  let best = 0;
  for (const rate of rates) {
    const r = await runAt(rate, dir);
    if (r.lost === 0) best = Math.max(best, r.achieved);
    console.log(
      `${String(r.rate).padStart(6)}  ${String(r.packets).padStart(7)}  ${String(r.lost).padStart(4)}  ${String(r.achieved).padStart(10)}  ${String(r.cpuPercent).padStart(5)}  ${String(r.cpuMicrosPerPacket).padStart(13)}`,
    );
  }
  console.log(
    `highest rate sustained without loss: ${best} packets/s = ${(best / 250).toFixed(1)}× the device (target ≥ 10×)`,
  );
  console.log(
    `load after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
