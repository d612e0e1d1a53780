/** The long-clip chooser's time fields: "m:ss" in and out. */
import { describe, expect, it } from 'vitest';
import { formatClipTime, parseClipTime } from '../../src/app/LongClipChooser';

describe('clip times', () => {
  it('reads m:ss, m:ss.s and plain seconds', () => {
    expect(parseClipTime('2:12')).toBe(132);
    expect(parseClipTime(' 0:07.5 ')).toBe(7.5);
    expect(parseClipTime('95')).toBe(95);
    expect(parseClipTime('10:00')).toBe(600);
  });
  it('refuses what is not a time', () => {
    for (const bad of ['', 'abc', '1:2:3', '-5', '1,5']) expect(parseClipTime(bad), bad).toBeNull();
  });
  it('writes m:ss, with tenths only when there are any', () => {
    expect(formatClipTime(30)).toBe('0:30');
    expect(formatClipTime(600)).toBe('10:00');
    expect(formatClipTime(7.5)).toBe('0:07.5');
    expect(formatClipTime(7.96)).toBe('0:08');
    expect(formatClipTime(59.97)).toBe('1:00');
    expect(parseClipTime(formatClipTime(132))).toBe(132);
  });
});
