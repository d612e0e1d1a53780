import { describe, expect, it } from 'vitest';
import { squareCrops } from '../../src/pipeline/crops';

describe('squareCrops (second look for a missed person)', () => {
  it('covers a 16:9 frame with overlapping squares of full height, nearest to the last position first', () => {
    const c = squareCrops(960, 540, null);
    expect(c.map((x) => x.x)).toEqual([0, 210, 420]);
    expect(c.every((x) => x.y === 0 && x.size === 540)).toBe(true);
    // together they cover every column
    expect(c[0].x).toBe(0);
    expect(c[c.length - 1].x + 540).toBe(960);
    expect(squareCrops(960, 540, 0.95)[0].x).toBe(420);
    expect(squareCrops(960, 540, 0.5)[0].x).toBe(210);
  });
  it('runs along the height of a portrait frame, and not at all on a near-square one', () => {
    const c = squareCrops(540, 960, 0.1);
    expect(c[0]).toEqual({ x: 0, y: 0, size: 540 });
    expect(squareCrops(700, 640, null)).toEqual([]);
  });
});
