import { readFileSync } from 'node:fs';

/** A process as /proc shows it: its parent and its start time (a reused pid has another one). */
interface ProcessId {
  pid: number;
  ppid: number;
  startTime: string;
  command: string;
}

function readProcess(pid: number): ProcessId | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    // fields[0] is the state (field 3 of stat); ppid is field 4, starttime field 22.
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    return { pid, ppid: Number(fields[1]), startTime: fields[19] ?? '', command };
  } catch {
    return undefined;
  }
}

/**
 * The processes between this one and whoever launched it: up to the `npm` process when npm started
 * us (`npm start` runs `sh -c tsx ...`, tsx runs node), else just the parent.
 */
function launcherChain(): ProcessId[] {
  const chain: ProcessId[] = [];
  let pid = process.ppid;
  const viaNpm = process.env.npm_lifecycle_event !== undefined;
  for (let depth = 0; depth < 6 && pid > 1; depth++) {
    const proc = readProcess(pid);
    if (!proc) break;
    chain.push(proc);
    if (!viaNpm || /(^|[/ ])npm(-cli\.js)?( |$)/.test(proc.command)) break;
    pid = proc.ppid;
  }
  return viaNpm && !chain.some((p) => /(^|[/ ])npm(-cli\.js)?( |$)/.test(p.command))
    ? chain.slice(0, 1)
    : chain;
}

/**
 * Calls `onGone` once when a process that launched this one dies, however it died (`kill -9` of
 * `npm start` leaves its children running otherwise, DynamoDB Local included). Linux only (/proc);
 * elsewhere it watches nothing. The timer does not keep the process alive.
 */
export function watchLauncher(onGone: () => void, intervalMs = 1_000): () => void {
  const chain = launcherChain();
  if (chain.length === 0) return () => {};
  const timer = setInterval(() => {
    // Gone, or orphaned: a process between us and the launcher whose parent died is re-parented (its
    // ppid changes). The launcher's own parent may go (`nohup npm start &`, then the shell closes).
    const gone = chain.some((p, i) => {
      const now = readProcess(p.pid);
      return now?.startTime !== p.startTime || (i < chain.length - 1 && now.ppid !== p.ppid);
    });
    if (!gone) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
