import { Player } from '../components/player';
import { tuneCatalog } from '../lib/server/tune-library';

// The HVSC folder comes from the environment of `next start`, so render per request.
export const dynamic = 'force-dynamic';

/** The player page: the tune list is read on the server, playback happens in the browser. */
export default async function Home() {
  const catalog = await tuneCatalog();
  return (
    <main>
      <h1>SIDFlow player</h1>
      <Player demo={catalog.demo} hvsc={catalog.hvsc} />
    </main>
  );
}
