/**
 * The consult view on real clips through the real model: the timeline's IC/TO marks are the analysis's events, a
 * flagged band opens its exact frame in the player, Shift+→ lands on the next event, the chart's cursor follows the
 * player, and a clip with nothing flagged says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { GaitAnalysis } from '../../src/core/analysis';
import type { AnalyzeResult } from '../../src/core/types';
import { parseFiguresBlock, reportFigures } from '../../src/app/report/figures';
import { analyze, openApp, ROOT, sharedClip } from './helpers';
import { expectDecodedOnce } from './pipelineChecks';
import { timelineScale } from './pageData';

async function playerFrame(page: Page): Promise<number> {
  return Number(await page.getByTestId('frame-index').textContent());
}

/** The player has drawn `frame` (its canvas carries the frame it shows) and the timeline cursor sits on it. */
async function expectShown(page: Page, frame: number) {
  await expect(page.getByTestId('frame-index')).toHaveText(String(frame));
  await expect(page.getByTestId('player-canvas')).toHaveAttribute('data-frame', String(frame), { timeout: 15_000 });
  await expect(page.getByTestId('timeline-cursor')).toHaveAttribute('data-frame', String(frame));
}

test('treadmill clip: the first screen says what was found, how sure, where to look; marks = events; a frame to look at opens in the player (in view); flags at every contact summarised; Shift+→ goes to the next event, the cursor follows', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  const r = await analyze(page, sharedClip('treadmill-side-left.mp4'));
  const a = r.result!.analysis as GaitAnalysis;
  expect(a.activity).toBe('running');
  await expect(page.getByTestId('consult-view')).toBeVisible();

  // the first screen (1440×900, no scrolling): the verdict, a sentence per pattern with its count and share, how sure,
  // and the frames to look at
  const inFirstScreen = async (testId: string) => {
    const b = (await page.getByTestId(testId).first().boundingBox())!;
    return b.y >= 0 && b.y + Math.min(b.height, 40) <= 900;
  };
  const hs = a.flags.filter((f) => f.kind === 'heel-strike-straight-knee');
  const p = a.summary.pattern;
  await expect(page.getByTestId('overview-verdict')).toContainText('Extended-posture pattern');
  await expect(page.getByTestId('finding-heel-strike-straight-knee')).toContainText(
    `at ${hs.length} of ${p.heelStrikeStraightKnee.contacts} measured contacts (${Math.round((100 * hs.length) / p.heelStrikeStraightKnee.contacts)} %)`,
  );
  await expect(page.getByTestId('finding-sure-heel-strike-straight-knee')).toHaveAttribute('data-level', /high|moderate|low/);
  for (const id of ['overview-verdict', 'finding-heel-strike-straight-knee', 'finding-sure-heel-strike-straight-knee', 'look-thumb', 'event-counts']) expect(await inFirstScreen(id), id).toBe(true);
  // how sure explains itself on hover (what it combines)
  await page.getByTestId('finding-sure-heel-strike-straight-knee').hover();
  await expect(page.locator('.sure-pop').first()).toContainText('How sure combines');
  // the counts name what they count and agree with the finding
  await expect(page.getByTestId('event-counts')).toContainText(`Judged: ${p.heelStrikeStraightKnee.contacts} contacts`);

  // the figures README quotes from this clip's report (next to its screenshots) are what the code gives today
  const readme = parseFiguresBlock(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  expect(readme, 'README has a report-figures block').not.toBeNull();
  expect(readme!.clip).toBe('treadmill-side-left.mp4');
  expect(readme!.figures, 'README figures drifted from the code: run npm run screenshots').toEqual(reportFigures(a));

  // one mark per event, with the same frames
  const marks = page.getByTestId('event-mark');
  await expect(marks).toHaveCount(a.events.length);
  const markFrames = (await marks.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-type')}${e.getAttribute('data-foot')}${e.getAttribute('data-frame')}`))).sort();
  expect(markFrames).toEqual(a.events.map((e) => `${e.type}${e.foot}${e.frame}`).sort());
  console.log(`${a.events.length} events, ${a.flags.length} flags (${hs.length} of ${p.heelStrikeStraightKnee.contacts} contacts)`);

  // nearly every contact is flagged: said once over the timeline, not painted on every stride
  expect(hs.length / p.heelStrikeStraightKnee.contacts).toBeGreaterThanOrEqual(0.8);
  await expect(page.getByTestId('flags-summarised')).toContainText(`${hs.length} of ${p.heelStrikeStraightKnee.contacts} contacts`);
  await expect(page.locator('[data-testid=flag-band][data-kind=heel-strike-straight-knee]')).toHaveCount(0);

  // a frame to look at opens exactly its contact's frame (the flag's own event), and the player comes into view
  const looks = page.getByTestId('look-thumb');
  await expect(looks).toHaveCount(Math.min(4, a.flags.length));
  const lookFrame = Number(await looks.first().getAttribute('data-frame'));
  expect(a.flags.some((f) => f.frame === lookFrame)).toBe(true);
  await looks.first().click();
  await expectShown(page, lookFrame);
  const flag = a.flags.find((f) => f.frame === lookFrame)!;
  await expect(page.getByTestId('frame-info')).toContainText(`${flag.kind === 'extension-at-toe-off' ? 'toe-off' : 'initial contact'} ${flag.foot}`);
  await expect.poll(async () => (await page.getByTestId('player-canvas').boundingBox())!.y).toBeLessThan(450);
  await expect.poll(async () => (await page.getByTestId('player-canvas').boundingBox())!.y).toBeGreaterThanOrEqual(-5);
  // every flag of the clip sits on an event of its own foot and kind
  for (const f of a.flags) expect(a.events.some((e) => e.frame === f.frame && e.foot === f.foot && e.type === (f.kind === 'extension-at-toe-off' ? 'TO' : 'IC')), `${f.kind} ${f.foot} ${f.frame}`).toBe(true);

  // Shift+→ lands on the next event's frame, Shift+← back on the previous one
  const frames = [...new Set(a.events.map((e) => e.frame))].sort((x, y) => x - y);
  const next = frames.find((f) => f > lookFrame)!;
  await page.keyboard.press('Shift+ArrowRight');
  await expectShown(page, next);
  const after = frames.find((f) => f > next)!;
  await page.keyboard.press('Shift+ArrowRight');
  await expectShown(page, after);
  await page.keyboard.press('Shift+ArrowLeft');
  await expectShown(page, next);
  // jumping does not select an event for correction (selecting is a deliberate act)
  await expect(page.getByTestId('ee-selected')).toContainText('No event selected');

  // the cursor's position is the player's frame on the chart's own scale, calibrated from two event marks (each
  // drawn at its event's sub-frame time)
  const tl = await timelineScale(page, a);
  const pxPerFrame = tl.pxPerFrame;
  const expectedX = tl.xOf(next);
  const cursorX = Number(await page.getByTestId('timeline-cursor').getAttribute('x1'));
  console.log(`cursor at x=${cursorX.toFixed(2)}, expected ${expectedX.toFixed(2)} (${pxPerFrame.toFixed(3)} px/frame)`);
  expect(Math.abs(cursorX - expectedX)).toBeLessThanOrEqual(0.5);

  // a click anywhere on the chart moves the player there, and frame stepping moves the cursor
  await page.keyboard.press('ArrowRight');
  await expectShown(page, next + 1);
  const box = (await page.locator('.timeline svg').boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.5, box.y + 120);
  const clicked = await playerFrame(page);
  expect(Math.abs(clicked - Math.round(a.frameCount * 0.5))).toBeLessThanOrEqual(Math.ceil(a.frameCount * 0.03));
  await expect(page.getByTestId('timeline-cursor')).toHaveAttribute('data-frame', String(clicked));

  // the flagged frames: the 4 strongest, then every one on request, each opening its frame with the player in view
  const thumbs = page.getByTestId('flag-thumb');
  await expect(thumbs).toHaveCount(Math.min(4, a.flags.length));
  await page.getByTestId('flag-show-all-heel-strike-straight-knee').click();
  await expect(thumbs).toHaveCount(a.flags.length);
  const lastFlag = a.flags[a.flags.length - 1].frame;
  await page.locator(`[data-testid=flag-thumb][data-frame="${lastFlag}"]`).first().click();
  await expectShown(page, lastFlag);
  await expect.poll(async () => (await page.getByTestId('player-canvas').boundingBox())!.y).toBeLessThan(450);
});

test('a clip with nothing flagged says so plainly and draws no highlight', async ({ page }) => {
  await openApp(page);
  // With BlazePose this clip now shows two heel strikes on a nearly straight knee (its contacts are timed at the foot's
  // stop since issue 13, and the landing knee is nearly straight there); MoveNet has no heel or toe, so no strike and
  // no strike flag, and nothing at toe-off crosses a threshold: a running side view with nothing flagged.
  const r = await analyze(page, sharedClip('overground-side-right-to-left.mp4'), { model: 'movenet' });
  const a = r.result!.analysis as GaitAnalysis;
  expect(a.activity).toBe('running');
  expect(a.view.view).toBe('side');
  expect(a.flags).toHaveLength(0);
  await expect(page.getByTestId('nothing-flagged')).toBeVisible();
  await expect(page.getByTestId('nothing-flagged')).toContainText(/nothing was flagged/i);
  await expect(page.getByTestId('flag-band')).toHaveCount(0);
  await expect(page.getByTestId('flag-strip')).toHaveCount(0);
  await expect(page.getByTestId('event-mark')).toHaveCount(a.events.length);
});

async function addSecond(page: Page, clip: string): Promise<GaitAnalysis | null> {
  await page.getByTestId('add-second').click();
  await page.setInputFiles('[data-testid=file-input-2]', clip);
  await page.waitForFunction(() => ['done', 'error'].includes(window.__stridescope?.second?.phase ?? ''), null, { timeout: 10 * 60_000 });
  return (await page.evaluate(() => window.__stridescope!.second!.result?.analysis ?? null)) as GaitAnalysis | null;
}

test('a side clip and a back clip of one runner open together, each with its own analysis', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  const r = await analyze(page, sharedClip('treadmill-side-left.mp4'));
  const a = r.result!.analysis as GaitAnalysis;
  const b = await addSecond(page, sharedClip('overground-back-snow.mp4'));
  expect(b).not.toBeNull();
  // the back clip's decode checks (pipeline.spec.ts leaves this clip to this run)
  expectDecodedOnce((await page.evaluate(() => window.__stridescope!.second!.result)) as AnalyzeResult, sharedClip('overground-back-snow.mp4'));
  expect(a.view.view).toBe('side');
  expect(b!.view.view).toBe('back');
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-kind', 'views');
  const cols = [page.getByTestId('compare-col-0'), page.getByTestId('compare-col-1')];
  await expect(cols[0].getByTestId('player')).toBeVisible();
  await expect(cols[1].getByTestId('player')).toBeVisible();
  await expect(cols[0].getByTestId('event-mark')).toHaveCount(a.events.length);
  await expect(cols[1].getByTestId('consult-view')).toBeVisible();
  // each player shows its own clip's frames
  await cols[1].getByTestId('player-canvas').click();
  await page.keyboard.press('ArrowRight');
  await expect(cols[1].getByTestId('frame-index')).toHaveText('1');
  await expect(cols[0].getByTestId('frame-index')).toHaveText('0');
  await expect(page.getByTestId('deltas')).toHaveCount(0);
});

test('two sessions side by side: measure deltas, players aligned at matching events', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  const r = await analyze(page, sharedClip('treadmill-side-left.mp4'));
  const a = r.result!.analysis as GaitAnalysis;
  const b = (await addSecond(page, sharedClip('overground-side-right-to-left.mp4')))!;
  expect(b.activity).toBe('running');
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-kind', 'sessions');
  // cadence change shown = after − before
  const cad = page.getByTestId('delta-cadence');
  const d = b.summary.cadence.value! - a.summary.cadence.value!;
  await expect(cad.getByTestId('delta-value')).toContainText(d > 0 ? `+${d}` : `${d}`);
  // Shift+→ in the first player: it lands on the next event, the second player on the matching event
  const col0 = page.getByTestId('compare-col-0');
  const col1 = page.getByTestId('compare-col-1');
  await col0.getByTestId('player-canvas').click();
  await page.keyboard.press('Shift+ArrowRight');
  const f0 = Number(await col0.getByTestId('frame-index').textContent());
  const ev = [...a.events].sort((x, y) => x.frame - y.frame).find((e) => e.frame === f0)!;
  expect(ev).toBeDefined();
  const k = a.events.filter((e) => e.type === ev.type && e.foot === ev.foot).sort((x, y) => x.frame - y.frame).findIndex((e) => e.frame === f0);
  const inB = b.events.filter((e) => e.type === ev.type && e.foot === ev.foot).sort((x, y) => x.frame - y.frame);
  const expected = inB[Math.min(k, inB.length - 1)].frame;
  await expect(col1.getByTestId('frame-index')).toHaveText(String(expected));
  await expect(col1.getByTestId('player-canvas')).toHaveAttribute('data-frame', String(expected), { timeout: 15_000 });

  // the overground clip is flagged at some contacts only: each is a band on its timeline, in the tab order, that opens
  // its exact frame by click or Enter
  const bFlags = b.flags.filter((f) => f.kind === 'heel-strike-straight-knee');
  const judged = b.summary.pattern.heelStrikeStraightKnee.contacts;
  console.log(`overground: ${bFlags.length} of ${judged} contacts flagged`);
  expect(bFlags.length).toBeGreaterThan(0);
  expect(bFlags.length / judged).toBeLessThan(0.8);
  const bands = col1.getByTestId('flag-band');
  await expect(bands).toHaveCount(b.flags.length);
  await col1.locator(`[data-testid=flag-band][data-frame="${bFlags[0].frame}"]`).first().click({ force: true });
  await expect(col1.getByTestId('frame-index')).toHaveText(String(bFlags[0].frame));
  const band = bands.last();
  const bandFrame = Number(await band.getAttribute('data-frame'));
  await expect(band).toHaveAttribute('tabindex', '0');
  await expect(band).toHaveAttribute('aria-label', /Open frame/);
  await band.focus();
  await page.keyboard.press('Enter');
  await expect(col1.getByTestId('frame-index')).toHaveText(String(bandFrame));
  await expect(col1.getByTestId('player-canvas')).toHaveAttribute('data-frame', String(bandFrame), { timeout: 15_000 });
});
