// Whether a process the tests started (or the doctor started) is still there.
import { readFileSync } from 'node:fs';

/** Alive and not a zombie waiting for a parent that does not reap it. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Waits a little for a signalled process to disappear (a signal is delivered, not acted on, at once). */
export async function goneSoon(pid: number, withinMs = 2000): Promise<boolean> {
  for (let waited = 0; waited < withinMs && processAlive(pid); waited += 50) await new Promise((r) => setTimeout(r, 50));
  return !processAlive(pid);
}
