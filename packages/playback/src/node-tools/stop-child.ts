import type { ChildProcess } from 'node:child_process';

/**
 * Ends a child process and waits until it has exited: SIGCONT (in case it was
 * paused with SIGSTOP), SIGTERM, then SIGKILL after `graceMs`.
 */
export async function stopChild(child: ChildProcess, graceMs = 1000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGCONT');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
