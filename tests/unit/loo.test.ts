/** Leave-one-clip-out bookkeeping of bench:accuracy (scripts/lib/loo.mjs): configurations, threshold rewriting, choice. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { configurations, leaveOneOut, LOO_GRID, overrideThresholds } from '../../scripts/lib/loo.mjs';

describe('leave-one-clip-out', () => {
  it('the configurations are the grid, the shipped (middle) values first', () => {
    const c = configurations({ A: [1, 2, 3], B: [0.1, 0.2, 0.3] });
    expect(c).toHaveLength(9);
    expect(c[0]).toEqual({ A: 2, B: 0.2 });
    expect(new Set(c.map((x) => JSON.stringify(x))).size).toBe(9);
  });
  it('the grid is centred on the values thresholds.ts ships', () => {
    const src = readFileSync('src/core/analysis/thresholds.ts', 'utf8');
    for (const [name, values] of Object.entries(LOO_GRID)) {
      const shipped = Number(new RegExp(`export const ${name}\\s*=\\s*(-?[0-9.]+);`).exec(src)![1]);
      expect(values[1]).toBe(shipped);
    }
  });
  it('a configuration rewrites only the named numeric constants; an unknown name is an error', () => {
    const src = 'export const A = 0.5;\nexport const AB = 7;\nexport const C = [1, 2];\n';
    expect(overrideThresholds(src, { A: 0.75 })).toBe('export const A = 0.75;\nexport const AB = 7;\nexport const C = [1, 2];\n');
    expect(() => overrideThresholds(src, { C: 3 })).toThrow(/no numeric C/);
  });
  it('each clip is scored by the configuration best on the others (ties: the shipped one)', () => {
    // 2 configurations × 3 clips; configuration 1 is better on clips 0 and 1 only
    const s = (w2: number, w1: number) => ({ within2: w2, within1: w1, total: 10 });
    const scores = [
      [s(8, 6), s(8, 6), s(9, 9)],
      [s(9, 7), s(9, 7), s(5, 5)],
    ];
    const r = leaveOneOut(scores);
    // without clip 0: shipped 17 vs 14 → shipped; without clip 1: 17 vs 14 → shipped; without clip 2: 16 vs 18 → 1
    expect(r.chosen).toEqual([0, 0, 1]);
    expect(r.held).toEqual({ within2: 8 + 8 + 5, within1: 6 + 6 + 5, total: 30 });
    expect(r.pooled).toEqual({ within2: 25, within1: 21, total: 30 });
  });
});
