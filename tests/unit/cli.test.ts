import { describe, expect, it } from 'vitest';
// @ts-expect-error — plain ESM script
import { parseArgs } from '../../scripts/analyze.mjs';

describe('npm run analyze arguments', () => {
  it('reads clip, --out, --model and --view', () => {
    expect(parseArgs(['package.json', '--out', 'x.json', '--model', 'lite', '--view', 'side'])).toEqual({
      clips: ['package.json'], out: 'x.json', outDir: null, model: 'lite', view: 'side',
    });
  });
  it('defaults to BlazePose full and automatic view', () => {
    const o = parseArgs(['package.json']);
    expect([o.model, o.view]).toEqual(['full', 'auto']);
  });
});
