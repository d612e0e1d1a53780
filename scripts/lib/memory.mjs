/** Memory figures for the benchmarks, read from /proc (Linux). */
import { readFileSync, readdirSync } from 'node:fs';

/**
 * Memory of the whole Chromium process tree (browser, GPU, page renderer with its workers, utilities), MB:
 * `rss` sums each process's resident size (pages shared between processes counted once per process, so it
 * overstates), `pss` sums the proportional set size (each shared page split between its sharers: the honest total).
 */
export function chromiumMemoryMb() {
  let rss = 0;
  let pss = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const exe = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
      if (!/chrom/.test(exe.split('/').pop() ?? '')) continue;
      const roll = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(roll)?.[1] ?? 0) / 1024;
      pss += Number(/^Pss:\s+(\d+)/m.exec(roll)?.[1] ?? 0) / 1024;
    } catch {
      // the process ended while being read
    }
  }
  return { rss, pss };
}

/** Total resident memory of the Chromium process tree, MB (see chromiumMemoryMb). */
export function chromiumRssMb() {
  return chromiumMemoryMb().rss;
}
