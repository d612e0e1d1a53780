/**
 * Issue 18, "the player shows the wrong frame": on the treadmill clip through the real model, the picture on the
 * player's canvas is the frame its read-out names — after a timeline click and → / ← while the frame cache is still
 * being built (pictures from the player's decoder), while playing at 1× from the decoder and at 1× and 0.25× from the
 * cache (snapshots of the canvas taken while playing, and the frame paused on), and after timeline clicks near and far
 * from a key frame, each drawn within 200 ms of the click once the cache is built. The overlay layers are off, so the
 * canvas holds the picture alone, and each picture is compared with the named frame decoded independently
 * (`__stridescope.frameBitmap`, the stills path: always from the video, never from the cache).
 *
 * The comparison: mean absolute difference per RGB channel (0–255) over the whole 720×1280 frame.
 * - The same frame: 0 from the decoder, ~1.1–1.4 from the cache (JPEG at quality 0.85 on this clip).
 * - Frames 3 apart on this clip: at least 4.07 (ffmpeg, every frame of the clip against the frames 3 before and after;
 *   median 5.4). Frames 1 apart are as close as 1.8, so ±1 cannot be told from JPEG noise; ±3 can.
 * MATCH_BELOW = 2.5 sits between the two; each check asserts the named frame is below it and frames ±3 above it,
 * so a picture from a neighbouring frame fails.
 * One analysis for the whole file (one test in steps): 68 s in all on this 2-core machine nearly idle (37 s after the
 * analysis, most of it waiting for the frame cache: 17 s of build work), 105–127 s while other test runs share it.
 */
import { expect, test, type Page } from '@playwright/test';
import type { GaitAnalysis } from '../../src/core/analysis';
import { analyze, openApp, sharedClip } from './helpers';
import { timelineScale } from './pageData';

const MATCH_BELOW = 2.5;
/** The treadmill clip's key frames (ffprobe: I-frames at 0 and 251 only). */
const KEY_FRAMES = [0, 251];

interface Diffs {
  frame: number;
  named: number;
  minus3: number | null;
  plus3: number | null;
}

/** Installs page-side probes: snapshots of the canvas (frame number and pixels in one task) and a frame comparer. */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const canvas = () => document.querySelector<HTMLCanvasElement>('[data-testid=player-canvas]')!;
    const pixels = (src: CanvasImageSource & { width: number; height: number }) => {
      const c = new OffscreenCanvas(src.width, src.height);
      const g = c.getContext('2d')!;
      g.drawImage(src, 0, 0);
      return g.getImageData(0, 0, src.width, src.height).data;
    };
    const mad = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
      if (a.length !== b.length) return Infinity;
      let s = 0;
      for (let i = 0; i < a.length; i += 4) s += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
      return s / ((a.length / 4) * 3);
    };
    const snapshots: { frame: number; px: Uint8ClampedArray }[] = [];
    const w = window as unknown as Record<string, unknown>;
    w.__probe = {
      /** The canvas's frame number and picture, read in one task (so they belong together). */
      snap() {
        const c = canvas();
        snapshots.push({ frame: Number(c.dataset.frame), px: pixels(c) });
        return snapshots.length - 1;
      },
      /** Compares snapshot `i` with its named frame and the frames 3 before and after, decoded from the video. */
      async compare(i: number, longSide: number) {
        const { frame, px } = snapshots[i];
        const last = window.__stridescope!.result!.frames.length - 1;
        const diff = async (f: number) => {
          if (f < 0 || f > last) return null;
          const bmp = (await window.__stridescope!.frameBitmap!(f, longSide))!;
          const d = mad(px, pixels(bmp));
          bmp.close();
          return d;
        };
        // in frame order: the stills decoder goes on from one to the next
        const minus3 = await diff(frame - 3);
        const named = (await diff(frame))!;
        const plus3 = await diff(frame + 3);
        return { frame, named, minus3, plus3 };
      },
      /** Records every frame the canvas shows from now on, with the time (ms) it was drawn. */
      watch() {
        const seen: { frame: number; t: number }[] = [];
        const mo = new MutationObserver(() => seen.push({ frame: Number(canvas().dataset.frame), t: performance.now() }));
        mo.observe(canvas(), { attributes: true, attributeFilter: ['data-frame'] });
        w.__seen = { seen, stop: () => mo.disconnect() };
      },
      stopWatch() {
        const s = w.__seen as { seen: { frame: number; t: number }[]; stop(): void };
        s.stop();
        return s.seen;
      },
      /** During playback: a snapshot every `everyMs` ms, in an animation frame (as the user would see it). */
      snapEvery(everyMs: number) {
        const ids: number[] = [];
        const probe = w.__probe as { snap(): number };
        const timer = setInterval(() => requestAnimationFrame(() => ids.push(probe.snap())), everyMs);
        w.__snapping = { ids, stop: () => clearInterval(timer) };
      },
      stopSnapping() {
        const s = w.__snapping as { ids: number[]; stop(): void };
        s.stop();
        return s.ids;
      },
      /**
       * Resolves when the canvas shows the frame the read-out asks for after the next click on the page: ms from the
       * click, and the frames drawn before it (none expected). Gives up after 20 s (frame -1, with what it saw).
       */
      armClick() {
        w.__clicked = new Promise<{ ms: number; frame: number; before: number[] }>((resolve) => {
          let t0 = 0;
          const before: number[] = [];
          const onClick = () => (t0 = performance.now());
          window.addEventListener('click', onClick, { capture: true });
          const done = (r: { ms: number; frame: number; before: number[] }) => {
            mo.disconnect();
            clearTimeout(timer);
            window.removeEventListener('click', onClick, { capture: true });
            resolve(r);
          };
          const mo = new MutationObserver(() => {
            const f = Number(canvas().dataset.frame);
            const asked = Number(document.querySelector('[data-testid=frame-index]')!.textContent);
            if (!t0 || f !== asked) return void before.push(f);
            done({ ms: performance.now() - t0, frame: f, before });
          });
          mo.observe(canvas(), { attributes: true, attributeFilter: ['data-frame'] });
          const timer = setTimeout(() => done({ ms: t0 ? performance.now() - t0 : -1, frame: -1, before: [...before, Number(canvas().dataset.frame), Number(document.querySelector('[data-testid=frame-index]')!.textContent)] }), 20_000);
        });
      },
      /** What armClick saw (armed in an evaluate of its own, so its listeners are in place before the click). */
      clicked() {
        return w.__clicked as Promise<{ ms: number; frame: number; before: number[] }>;
      },
    };
  });
}

type Probe = {
  snap(): number;
  compare(i: number, longSide: number): Promise<Diffs>;
  watch(): void;
  stopWatch(): { frame: number; t: number }[];
  snapEvery(ms: number): void;
  stopSnapping(): number[];
  armClick(): void;
  clicked(): Promise<{ ms: number; frame: number; before: number[] }>;
};

/** Runs `fn` on the page's probe (installed by installProbe). */
function probe<T>(page: Page, fn: (p: Probe, arg: number) => T | Promise<T>, arg = 0): Promise<T> {
  return page.evaluate(
    // the probe call travels as source text (page.evaluate cannot take a closure over this file)
    ({ src, arg }) => (new Function(`return ${src}`)() as (p: unknown, a: number) => unknown)((window as unknown as { __probe: unknown }).__probe, arg),
    { src: fn.toString(), arg },
  ) as Promise<T>;
}

/** The named frame matches the picture; frames ±3 do not (the comparison tells neighbours apart). */
function expectMatch(d: Diffs, what: string) {
  console.log(`${what}: frame ${d.frame}: diff ${d.named.toFixed(2)} (frame −3: ${d.minus3?.toFixed(2) ?? '—'}, +3: ${d.plus3?.toFixed(2) ?? '—'})`);
  expect(d.named, `${what}: the picture is frame ${d.frame}`).toBeLessThan(MATCH_BELOW);
  if (d.minus3 !== null) expect(d.minus3, `${what}: frame ${d.frame - 3} differs`).toBeGreaterThan(MATCH_BELOW);
  if (d.plus3 !== null) expect(d.plus3, `${what}: frame ${d.frame + 3} differs`).toBeGreaterThan(MATCH_BELOW);
}

/** The player is at rest on a drawn frame: the read-out names it (not loading) and the canvas carries the same number. */
async function settled(page: Page): Promise<number> {
  await expect(page.getByTestId('frame-info')).toHaveAttribute('data-loading', 'false', { timeout: 15_000 });
  const index = Number(await page.getByTestId('frame-index').textContent());
  await expect(page.getByTestId('player-canvas')).toHaveAttribute('data-frame', String(index));
  return index;
}

async function checkShown(page: Page, what: string): Promise<number> {
  const index = await settled(page);
  const i = await probe(page, (p) => p.snap());
  const d = await probe(page, (p, i) => p.compare(i, 1280), i);
  expect(d.frame).toBe(index);
  expectMatch(d, what);
  return index;
}

/** Plays at `speed` for `ms`, pauses; checks snapshots taken while playing and the frame paused on. */
async function playFor(page: Page, speed: string, ms: number, snapEveryMs: number) {
  await page.getByTestId('speed').selectOption(speed);
  const start = await settled(page);
  await probe(page, (p) => p.watch());
  await probe(page, (p, every) => p.snapEvery(every), snapEveryMs);
  const t0 = Date.now();
  await page.getByTestId('play').click();
  await page.waitForTimeout(ms);
  await page.getByTestId('play').click();
  const wall = Date.now() - t0;
  const ids = await probe(page, (p) => p.stopSnapping());
  const end = await settled(page);
  const seen = await probe(page, (p) => p.stopWatch());
  const drawn = new Set(seen.map((s) => s.frame)).size;
  const passed = end - start;
  console.log(`${speed}×: ${passed} frames passed in ${wall} ms of playing (${((passed / wall) * 1000).toFixed(1)} frames/s of clip), ${drawn} drawn (${((drawn / Math.max(1, passed)) * 100).toFixed(0)} %)`);
  // the player moved on (how far depends on how fast this machine fetches frames: printed above, not asserted)
  expect(passed).toBeGreaterThan(0);
  // frames are drawn in order, each once
  for (let k = 1; k < seen.length; k++) expect(seen[k].frame).toBeGreaterThan(seen[k - 1].frame);
  for (const [n, i] of ids.entries()) expectMatch(await probe(page, (p, i) => p.compare(i, 1280), i), `${speed}× playing, snapshot ${n + 1}`);
  await checkShown(page, `${speed}× paused`);
  return { passed, drawn };
}

test('the picture is the frame named: playing, stepping and timeline clicks (treadmill clip)', async ({ page }) => {
  const t0 = Date.now();
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  const r = await analyze(page, sharedClip('treadmill-side-left.mp4'));
  const a = r.result!.analysis as GaitAnalysis;
  const n = a.frameCount;
  expect(n).toBe(360);
  const tAnalysed = Date.now();
  console.log(`analysis: ${((tAnalysed - t0) / 1000).toFixed(1)} s`);
  await expect(page.getByTestId('player-canvas')).toHaveAttribute('data-frame', /\d+/, { timeout: 15_000 });
  for (const layer of ['skeleton', 'angles', 'lines']) await page.getByTestId(`layer-${layer}`).uncheck();
  await installProbe(page);
  const tl = await timelineScale(page, a);
  /** Clicks the timeline on `frame`; resolves when the canvas shows the frame the read-out then names. */
  const clickTimeline = async (frame: number) => {
    const svg = page.locator('.timeline svg');
    await svg.scrollIntoViewIfNeeded();
    const box = (await svg.boundingBox())!;
    await probe(page, (p) => p.armClick());
    await page.mouse.click(box.x + tl.xOf(frame), box.y + 120);
    const c = await probe(page, (p) => p.clicked());
    const source = await page.getByTestId('player-canvas').getAttribute('data-source');
    const key = Math.max(...KEY_FRAMES.filter((k) => k <= c.frame));
    return { ...c, source, fromKey: c.frame - key };
  };

  await test.step('timeline click right after the analysis (frame cache still building): the frame named is drawn', async () => {
    // near the end, far from key frame 251: the build (from frame 0 on) has not got there yet
    const c = await clickTimeline(345);
    console.log(`timeline click → frame ${c.frame} (${c.fromKey} after a key frame) drawn in ${c.ms.toFixed(0)} ms from the ${c.source}; before it: [${c.before.join(', ')}]`);
    expect(c.before).toEqual([]); // nothing else was drawn in between
    await checkShown(page, 'timeline click, cache building');
  });

  await test.step('step with → and ← (the player\'s decoder goes on forward; back, it starts again at the key frame)', async () => {
    const before = await settled(page);
    await page.keyboard.press('ArrowRight');
    expect(await checkShown(page, '→')).toBe(before + 1);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await checkShown(page, '→ →')).toBe(before + 3);
    await page.keyboard.press('ArrowLeft');
    expect(await checkShown(page, '←')).toBe(before + 2);
  });

  await test.step('play at 1× for 3 s from the decoder (cache not built yet), pause', async () => {
    await page.getByTestId('scrubber').fill('20');
    await playFor(page, '1', 3000, 1000);
  });

  await test.step('frame cache: built for the whole clip, within its cap', async () => {
    const canvas = page.getByTestId('player-canvas');
    // the canvas learns the cache's state with each frame: step now and then (each step pauses the build for
    // 0.4 s) until it has finished
    await expect
      .poll(
        async () => {
          await page.keyboard.press('ArrowRight');
          await settled(page);
          return canvas.getAttribute('data-cache-state');
        },
        { timeout: 120_000, intervals: [3000] },
      )
      .toBe('complete');
    const frames = await canvas.getAttribute('data-cache-frames');
    const mb = Number(await canvas.getAttribute('data-cache-bytes')) / 1024 ** 2;
    console.log(`frame cache: ${frames} frames, ${mb.toFixed(1)} MB, built in ${await canvas.getAttribute('data-cache-build-ms')} ms wall clock from the first player request (paused while the player is in use), ${await canvas.getAttribute('data-cache-build-busy-ms')} ms of build work`);
    expect(frames).toBe(`${n}/${n}`);
    expect(mb).toBeLessThan(150);
  });

  await test.step('play at 1× for 2 s from the frame cache, pause', async () => {
    await page.getByTestId('scrubber').fill('200');
    await playFor(page, '1', 2000, 1000);
    await expect(page.getByTestId('player-canvas')).toHaveAttribute('data-source', 'cache');
  });

  await test.step('play at 0.25× for 2 s, pause', async () => {
    await playFor(page, '0.25', 2000, 1000);
  });

  await test.step('timeline clicks near and far from a key frame: the frame named is drawn within 200 ms', async () => {
    // near key frame 0, far from it (the frame before key frame 251: ~250 decodes), near 251, far from 251, the middle
    for (const target of [8, 248, 256, 340, 170]) {
      const c = await clickTimeline(target);
      console.log(`timeline click → frame ${c.frame} (${c.fromKey} after a key frame) drawn in ${c.ms.toFixed(0)} ms from the ${c.source}`);
      // the frame under the pointer, or a flagged band's own frame when the click lands on a band (a few frames wide)
      expect(Math.abs(c.frame - target)).toBeLessThanOrEqual(4);
      expect(c.before).toEqual([]);
      expect(c.ms).toBeLessThan(200);
      await checkShown(page, `timeline click on frame ${c.frame}`);
    }
  });

  await test.step('touch device: the hints name the buttons and the slider, the buttons are at least 44 px tall', async () => {
    const hints = page.getByTestId('player-hints');
    await expect(hints).toHaveAttribute('data-input', 'keyboard');
    await expect(hints).toContainText('Shift+');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await expect(hints).toHaveAttribute('data-input', 'touch');
    await expect(hints).toContainText('drag the slider');
    await expect(hints).not.toContainText('Shift+');
    const heights = await page.locator('.player-controls button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().height));
    expect(heights.length).toBe(5);
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(44);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
    await expect(hints).toHaveAttribute('data-input', 'keyboard');
  });
  console.log(`player test: ${((Date.now() - t0) / 1000).toFixed(1)} s, of which ${((Date.now() - tAnalysed) / 1000).toFixed(1)} s after the analysis`);
});
