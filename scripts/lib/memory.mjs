/** Memory figures for the benchmarks. */
import { execFileSync } from 'node:child_process';

/** Total resident memory of the Chromium process tree (page, GPU, workers), MB. */
export function chromiumRssMb() {
  try {
    const out = execFileSync('ps', ['-eo', 'rss,comm'], { encoding: 'utf8' });
    return out.split('\n').filter((l) => /chrom/.test(l)).reduce((s, l) => s + Number(l.trim().split(/\s+/)[0] || 0), 0) / 1024;
  } catch {
    return NaN;
  }
}
