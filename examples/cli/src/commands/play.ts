import { createPlaybackService, type PlaybackAdapter } from '@sidflow/playback';
import { createNodeEngineAdapter, findExecutable, readTuneFile } from '@sidflow/playback/node';
import { createSidplayfpAdapter } from '@sidflow/playback/sidplayfp';
import { createUltimate64Adapter } from '@sidflow/playback/ultimate64';
import { Ultimate64Client } from '@sidflow/ultimate64';
import { fileArgument, intOption, numberOption, parseCommand, stringOption } from '../options.js';
import { UsageError } from '../usage-error.js';

const ADAPTERS = ['engine', 'sidplayfp', 'ultimate64'] as const;
type AdapterChoice = (typeof ADAPTERS)[number];

/** The facade's id of each `--adapter` choice. */
const IDS: Record<AdapterChoice, string> = {
  engine: 'node',
  sidplayfp: 'sidplayfp',
  ultimate64: 'ultimate64',
};

/**
 * `sidflow play FILE.sid [--song N] [--adapter engine|sidplayfp|ultimate64] [--seconds S]
 * [--out FILE.wav] [--host HOST]`
 */
export async function runPlay(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, {
    song: { type: 'string' },
    adapter: { type: 'string' },
    seconds: { type: 'string' },
    out: { type: 'string', short: 'o' },
    host: { type: 'string' },
  });
  const file = fileArgument(positionals);
  const song = intOption(values.song, 'song', 0, 256, 0);
  const out = stringOption(values.out, 'out');
  const seconds =
    numberOption(values.seconds, 'seconds', 0.001, 24 * 3600, out ? 30 : 0) || undefined;
  const choice = (stringOption(values.adapter, 'adapter') ?? 'engine') as AdapterChoice;
  if (!ADAPTERS.includes(choice)) {
    throw new UsageError(`--adapter must be ${ADAPTERS.join(', ')}, got "${choice}"`);
  }
  const host = stringOption(values.host, 'host') ?? process.env.SIDFLOW_U64_HOST;
  if (choice === 'ultimate64' && !host) {
    throw new UsageError('--adapter ultimate64 needs --host HOST[:PORT] (or SIDFLOW_U64_HOST)');
  }

  // Raw PCM goes to stdout when there is neither a player nor --out, so messages go to stderr.
  const player = out
    ? null
    : ((await findExecutable('aplay')) ??
      (await findExecutable('pw-play')) ??
      (await findExecutable('ffplay')));
  const pcmToStdout = choice === 'engine' && !out && !player;
  if (pcmToStdout && process.stdout.isTTY) {
    throw new UsageError(
      'no audio player found (aplay, pw-play, ffplay): give --out FILE.wav or pipe stdout',
    );
  }
  const say = (line: string) => (pcmToStdout ? process.stderr : process.stdout).write(`${line}\n`);

  const engine = createNodeEngineAdapter(
    out
      ? { output: 'wav', wavPath: out, realtime: false }
      : { output: pcmToStdout ? 'stdout' : 'player' },
  );
  const adapters: PlaybackAdapter[] = [engine];
  if (choice === 'sidplayfp') {
    adapters.unshift(
      createSidplayfpAdapter({ output: out ? { wav: out, seconds: seconds ?? 30 } : 'device' }),
    );
  }
  if (choice === 'ultimate64') {
    adapters.unshift(
      createUltimate64Adapter({
        client: new Ultimate64Client({ host: host!, password: process.env.SIDFLOW_U64_PASSWORD }),
        name: host,
      }),
    );
  }
  const playback = createPlaybackService({ adapters, readPath: readTuneFile });
  playback.on('fallback', (e) => {
    process.stderr.write(
      `sidflow play: ${e.from} is not available (${e.reason}); playing on ${e.to}\n`,
    );
  });
  const finished = new Promise<void>((resolve, reject) => {
    playback.on('trackend', () => resolve());
    playback.on('error', (e) => reject(e.error));
  });
  const interrupt = () => {
    void playback.dispose().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  try {
    await playback.load({ path: file }, { song: song || undefined, adapter: IDS[choice], seconds });
    const tune = playback.tune!;
    say(
      `Playing "${tune.title}" by ${tune.author || 'unknown'}, song ${playback.song}/${tune.songs} ` +
        `on ${playback.activeAdapter} (${playback.renderPath})` +
        (seconds ? ` for ${seconds} s` : ', Ctrl-C to stop') +
        (out ? ` to ${out}` : ''),
    );
    await playback.play();
    await finished;
    if (out && playback.activeAdapter === 'sidplayfp') {
      // sidplayfp writes the file itself; wait for it to finish.
      await playback.stop();
    }
    say(out ? `Done: ${out}` : `Done: ${playback.position.toFixed(1)} s played.`);
  } finally {
    process.off('SIGINT', interrupt);
    await playback.dispose();
  }
}
