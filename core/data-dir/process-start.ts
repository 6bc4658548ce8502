// When a live process started, to tell the process that wrote a lock from another that got its pid later
// (pids are reused, after a reboot most of all). `ps -o lstart=` answers on Linux and macOS alike; where it
// cannot (Windows), the start time is unknown and the lock falls back to "the pid is alive".
import { execFileSync } from 'node:child_process';

/** The start of process `pid` as epoch ms (second resolution), or undefined when it cannot be told. */
export function processStartMs(pid: number): number | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    // A fixed locale keeps lstart parseable ("Tue Jun  3 21:40:01 2025", local time).
    const out = execFileSync('/bin/ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      env: { LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 2000,
    });
    const ms = Date.parse(out.trim());
    return Number.isFinite(ms) ? ms : undefined;
  } catch {
    return undefined;
  }
}
