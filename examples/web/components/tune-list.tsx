'use client';

import { useCallback, useEffect, useState } from 'react';
import type { HvscFolderListing, TuneSummary } from '../lib/tune-summary';

/** A tune the user picked: one from the server's library, or a local file's bytes. */
export type TuneChoice =
  | { kind: 'library'; tune: TuneSummary }
  | { kind: 'file'; name: string; bytes: Uint8Array };

function TuneButton({
  tune,
  current,
  onPick,
}: {
  tune: TuneSummary;
  current: boolean;
  onPick: (choice: TuneChoice) => void;
}) {
  return (
    <li>
      <button
        type="button"
        aria-current={current}
        data-tune-id={tune.id}
        onClick={() => onPick({ kind: 'library', tune })}
      >
        {tune.title}
        <span className="byline">
          {tune.error
            ? `unreadable: ${tune.error}`
            : `${tune.author || 'unknown'} · ${tune.songs} song${tune.songs === 1 ? '' : 's'}`}
        </span>
      </button>
    </li>
  );
}

/** Browses the configured HVSC folder one directory at a time through `/api/hvsc`. */
function HvscBrowser({
  currentId,
  onPick,
}: {
  currentId: string | null;
  onPick: (choice: TuneChoice) => void;
}) {
  const [listing, setListing] = useState<HvscFolderListing | null>(null);
  const [error, setError] = useState<string | null>(null);

  const open = useCallback(async (dir: string) => {
    const response = await fetch(`/api/hvsc?dir=${encodeURIComponent(dir)}`);
    const body = await response.json();
    if (!response.ok) setError(body.error ?? `HTTP ${response.status}`);
    else {
      setError(null);
      setListing(body as HvscFolderListing);
    }
  }, []);

  useEffect(() => {
    open('');
  }, [open]);

  if (error) return <p className="muted">{error}</p>;
  if (!listing) return <p className="muted">loading…</p>;
  const parent = listing.dir.split('/').slice(0, -1).join('/');
  return (
    <div data-testid="hvsc-browser">
      <p className="muted">/{listing.dir}</p>
      <ul className="tunes">
        {listing.dir !== '' && (
          <li>
            <button type="button" onClick={() => open(parent)}>
              ..
            </button>
          </li>
        )}
        {listing.folders.map((name) => (
          <li key={name}>
            <button
              type="button"
              onClick={() => open(listing.dir ? `${listing.dir}/${name}` : name)}
            >
              {name}/
            </button>
          </li>
        ))}
        {listing.tunes.map((tune) => (
          <TuneButton key={tune.id} tune={tune} current={tune.id === currentId} onPick={onPick} />
        ))}
      </ul>
    </div>
  );
}

/** The tunes to choose from: the demo tunes, the HVSC folder when configured, and a local file. */
export function TuneList({
  demo,
  hvsc,
  currentId,
  onPick,
}: {
  demo: readonly TuneSummary[];
  hvsc: { available: boolean; reason: string };
  currentId: string | null;
  onPick: (choice: TuneChoice) => void;
}) {
  return (
    <section aria-label="tunes">
      <h2>Demo tunes</h2>
      <ul className="tunes" data-testid="demo-tunes">
        {demo.map((tune) => (
          <TuneButton key={tune.id} tune={tune} current={tune.id === currentId} onPick={onPick} />
        ))}
      </ul>
      <h2>HVSC</h2>
      {hvsc.available ? (
        <HvscBrowser currentId={currentId} onPick={onPick} />
      ) : (
        <p className="muted">Not configured ({hvsc.reason}).</p>
      )}
      <h2>Your file</h2>
      <input
        type="file"
        accept=".sid"
        aria-label="play a .sid file from this computer"
        data-testid="file-input"
        onChange={async (event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file)
            onPick({
              kind: 'file',
              name: file.name,
              bytes: new Uint8Array(await file.arrayBuffer()),
            });
        }}
      />
    </section>
  );
}
