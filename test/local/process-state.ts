import { readFileSync } from 'node:fs';

/** Whether `pid` is a live process; a zombie nobody has reaped yet counts as gone. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}
