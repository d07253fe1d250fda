// Other work on the machine while a scenario runs: the CPU time the whole machine spent busy
// (/proc/stat) minus the CPU time of this benchmark's own process tree (the harness and its
// emulators, the client processes, Chromium and its renderers: /proc/<pid>/stat of every
// descendant, with the time of children already reaped). The load average cannot tell the two
// apart: a Chromium scenario alone keeps it above 2 on a 2-core machine.
//
// Linux only (where /proc exists); elsewhere `cpuSnapshot()` returns null and run.mjs falls
// back to the load average.
import { readFileSync, readdirSync } from 'node:fs';

// USER_HZ: the unit of /proc's CPU times. 100 on every Linux architecture Node supports.
const TICKS_PER_SECOND = 100;

/** Busy ticks of the whole machine (every CPU): user, nice, system, irq, softirq, steal. */
function machineBusyTicks() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return user + nice + system + irq + softirq + (steal || 0);
}

/** `{pid: {ppid, ticks}}` of every process (ticks: own + reaped children's user and system time). */
function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may hold spaces and parentheses): state ppid ...
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    // utime stime cutime cstime are fields 14-17 of the line, 12-15 after the name.
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    table.set(Number(entry), { ppid, ticks });
  }
  return table;
}

/** CPU ticks of the process `root` and all its descendants. */
function treeTicks(table, root) {
  const children = new Map();
  for (const [pid, { ppid }] of table) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  let ticks = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    ticks += table.get(pid)?.ticks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks;
}

/** A reading to pass to `foreignLoad`, or null where /proc is missing. */
export function cpuSnapshot() {
  try {
    return { at: performance.now(), busy: machineBusyTicks(), own: treeTicks(processTable(), process.pid) };
  } catch {
    return null;
  }
}

/**
 * Between two readings: `{ other_cpus, bench_cpus }`, the average number of CPUs kept busy by
 * other work and by the benchmark itself.
 */
export function foreignLoad(before, after) {
  if (!before || !after) return null;
  const seconds = (after.at - before.at) / 1000;
  if (seconds <= 0) return null;
  const own = (after.own - before.own) / TICKS_PER_SECOND / seconds;
  const busy = (after.busy - before.busy) / TICKS_PER_SECOND / seconds;
  // A process that exits without being reaped by this tree takes its ticks with it: never below 0.
  const round = (x) => Math.round(Math.max(x, 0) * 100) / 100;
  return { other_cpus: round(busy - own), bench_cpus: round(own) };
}
