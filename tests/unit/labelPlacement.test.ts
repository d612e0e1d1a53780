/**
 * The player's angle labels (overlay.ts `placeLabels`) on synthetic scenes: no label overlaps another, and every label
 * is fully inside the visible part of the canvas (the whole frame at 1×, the zoomed window at 2× and 3×).
 */
import { describe, expect, it } from 'vitest';
import { placeLabels, type LabelRequest, type Rect } from '../../src/app/report/overlay';
import { createRng } from '../../fixtures/synthetic/rng';

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function inside(r: Rect, b: Rect): boolean {
  return r.x >= b.x && r.y >= b.y && r.x + r.w <= b.x + b.w && r.y + r.h <= b.y + b.h;
}


function expectClean(labels: LabelRequest[], bounds: Rect) {
  const placed = placeLabels(labels, bounds);
  expect(placed).toHaveLength(labels.length);
  for (const [i, p] of placed.entries()) {
    expect(p.rect.w).toBe(labels[i].w);
    expect(p.rect.h).toBe(labels[i].h);
    expect(inside(p.rect, bounds), `label ${i} ${JSON.stringify(p.rect)} inside ${JSON.stringify(bounds)}`).toBe(true);
    for (const q of placed.slice(0, i)) expect(overlaps(p.rect, q.rect), `label ${i} overlaps another`).toBe(false);
  }
  return placed;
}

describe('placeLabels', () => {
  const frame: Rect = { x: 0, y: 0, w: 720, h: 1280 };

  it('the two knees of a side view at almost the same point: both labels readable, each beside its knee', () => {
    // the near and far knee 6 px apart (the defect: the near knee's label was hidden under the far knee's)
    const labels: LabelRequest[] = [
      { anchor: { x: 400, y: 800 }, w: 90, h: 24, gap: 30 },
      { anchor: { x: 404, y: 806 }, w: 90, h: 24, gap: 30 },
    ];
    const [a, b] = expectClean(labels, frame);
    expect(a.rect).toEqual({ x: 430, y: 788, w: 90, h: 24 }); // the first keeps its spot right of its knee
    expect(b.leader).toBe(false); // the second takes the free side, still at its own arc
    expect(b.rect.x + b.rect.w).toBeLessThanOrEqual(404 - 30);
  });

  it('eight labels on one point: the ones that cannot sit beside it get a leader line', () => {
    const labels: LabelRequest[] = Array.from({ length: 8 }, () => ({ anchor: { x: 300, y: 300 }, w: 110, h: 24, gap: 30 }));
    const placed = expectClean(labels, frame);
    expect(placed.filter((p) => p.leader).length).toBeGreaterThan(0);
    expect(placed[0].leader).toBe(false);
  });

  it('a knee at the frame edge: the label is not clipped ("kne")', () => {
    const labels: LabelRequest[] = [
      { anchor: { x: 712, y: 600 }, w: 90, h: 24, gap: 30 },
      { anchor: { x: 716, y: 1275 }, w: 96, h: 24, gap: 20 },
      { anchor: { x: 2, y: 3 }, w: 96, h: 24, gap: 20 },
    ];
    const placed = expectClean(labels, frame);
    // still near its point: within two label heights of the knee
    expect(Math.abs(placed[0].rect.y + 12 - 600)).toBeLessThan(48);
  });

  it('random scenes of five labels (knees, thighs, trunk) clustered like a runner: never overlapping, always inside, at 1×, 2× and 3×', () => {
    const next = createRng(18).next;
    for (let scene = 0; scene < 300; scene++) {
      const zoom = [1, 2, 3][scene % 3];
      // the zoomed view: a window of the frame, centred somewhere on the feet
      const vw = frame.w / zoom;
      const vh = frame.h / zoom;
      const view: Rect = { x: next() * (frame.w - vw), y: next() * (frame.h - vh), w: vw, h: vh };
      const cx = view.x + next() * view.w;
      const cy = view.y + next() * view.h;
      const spread = 60 / zoom;
      // font shrinks with the zoom in drawing units (the player divides the line width by the zoom), not below 11 px
      const h = Math.max(11, 27 / zoom) + 6;
      const labels: LabelRequest[] = Array.from({ length: 5 }, () => ({
        anchor: { x: cx + (next() - 0.5) * spread, y: cy + (next() - 0.5) * spread },
        w: h * (3.2 + next()),
        h,
        gap: (10 + next() * 30) / zoom,
      }));
      expectClean(labels, view);
    }
  });

  it('labels as big as the view still end inside it', () => {
    const view: Rect = { x: 100, y: 100, w: 120, h: 60 };
    const placed = placeLabels([{ anchor: { x: 500, y: 500 }, w: 120, h: 20, gap: 10 }], view);
    expect(inside(placed[0].rect, view)).toBe(true);
  });
});
