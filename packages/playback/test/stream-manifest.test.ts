import { describe, expect, it } from 'vitest';
import { formatsFor, type StreamManifest } from '../src/adapters/stream/stream-manifest.js';

const files = (...formats: string[]) => formats.map((format) => ({ format }));

describe('formatsFor', () => {
  it('offers a rendered song’s files in the order asked, HLS where there is an M4A', () => {
    const manifest: StreamManifest = { renders: [{ song: 1, files: files('wav', 'm4a') }] };
    expect(formatsFor(manifest, 1, ['m4a', 'wav', 'hls'])).toEqual(['m4a', 'wav', 'hls']);
    expect(formatsFor(manifest, 1, ['hls', 'wav'])).toEqual(['hls', 'wav']);
    expect(formatsFor({ renders: [{ song: 1, files: files('wav') }] }, 1, ['hls', 'wav'])).toEqual([
      'wav',
    ]);
    // A plain folder of renders has nothing for a song it does not list.
    expect(formatsFor(manifest, 2, ['m4a', 'wav'])).toEqual([]);
  });

  it('offers songs without a render in the server’s on-demand formats, within the tune', () => {
    const manifest: StreamManifest = {
      tune: { songs: 3 },
      renders: [{ song: 1, files: files('wav', 'm4a') }],
      onDemand: { formats: ['wav', 'm4a'] },
    };
    expect(formatsFor(manifest, 2, ['hls', 'm4a', 'wav'])).toEqual(['m4a', 'wav']);
    expect(formatsFor(manifest, 4, ['m4a', 'wav'])).toEqual([]);
    expect(formatsFor(manifest, 0, ['m4a', 'wav'])).toEqual([]);
    // The server cannot cut HLS (no native ffmpeg), so even the rendered M4A is not offered as HLS.
    expect(formatsFor(manifest, 1, ['hls', 'm4a'])).toEqual(['m4a']);
    const withHls = { ...manifest, onDemand: { formats: ['wav', 'm4a', 'hls'] } };
    expect(formatsFor(withHls, 3, ['hls', 'm4a'])).toEqual(['hls', 'm4a']);
  });
});
