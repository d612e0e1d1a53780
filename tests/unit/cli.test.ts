import { describe, expect, it, vi } from 'vitest';
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
  it('reads --capture-fps (a slow-motion clip filmed at that rate); none by default', () => {
    expect(parseArgs(['package.json', '--capture-fps', '120']).captureFps).toBe(120);
    expect(parseArgs(['package.json', '--capture-fps', '59.94']).captureFps).toBe(59.94);
    expect(parseArgs(['package.json']).captureFps).toBeUndefined();
  });
  it('refuses a capture rate that is not a frame rate', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (const bad of ['fast', '0', '-120', '5000']) expect(() => parseArgs(['package.json', '--capture-fps', bad])).toThrow('exit 2');
      expect(err.mock.calls.flat().join(' ')).toContain('--capture-fps must be a frame rate between 1 and 1000');
    } finally {
      exit.mockRestore();
      err.mockRestore();
    }
  });
});
