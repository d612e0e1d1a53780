/**
 * Hand corrections in the page (issue 13, items 7 and 3), on real clips through the real model, driven as a user
 * would: a slow-motion clip (made at test time with ffmpeg) is recognised and its capture rate, typed into the page,
 * restores the original clip's cadence; a contact moved with the keyboard (and a toe-off dragged on the timeline)
 * changes that stride's knee at contact to the knee at the new frame, survives saving and reopening the record (and a
 * backup), and the labels export has it at its new frame; a record saved before corrections existed still opens.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { GaitAnalysis, ManualEvent } from '../../src/core/analysis';
import type { Corrections } from '../../src/app/reanalyze';
import { analyze, openApp, scratchDir, sharedClip } from './helpers';
import { downloadOf, openRecords, storedRecords } from './pageData';
import { ffmpeg } from './tortureFiles';

/** A record as stored, as far as these tests read it. */
type StoredRecord = { id: string; clips: { corrections?: Corrections; result: { analysis: GaitAnalysis } }[] };

const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-an'];

/** The detected events as the corrected analysis keeps them (the per-contact values are the corrected strides'). */
const detectedKeys = (events: GaitAnalysis['events']) => events.map((e) => ({ type: e.type, foot: e.foot, frame: e.frame, subFrame: e.subFrame, confidence: e.confidence, method: e.method }));

/** The page's analysis as it stands (after any correction). */
function shown(page: Page): Promise<GaitAnalysis> {
  return page.evaluate(() => window.__stridescope!.result!.analysis as GaitAnalysis);
}

test('slow motion: a clip played 2× slower than filmed says so, and its capture rate (60 fps) restores the original cadence within ±3 %', async ({ page }) => {
  const dir = scratchDir();
  // 6–12 s of the treadmill clip, as filmed (30 fps), and the same seconds played 2× slower (setpts=2*PTS, written at
  // 30 fps: 360 frames, each filmed frame twice) — what a phone's 60 fps slow motion exported at 30 fps looks like
  const original = join(dir, 'treadmill-6-12s.mp4');
  const slow = join(dir, 'treadmill-6-12s-slow2x.mp4');
  ffmpeg('-ss', '6', '-t', '6', '-i', sharedClip('treadmill-side-left.mp4'), ...X264, '-r', '30', original);
  ffmpeg('-ss', '6', '-t', '6', '-i', sharedClip('treadmill-side-left.mp4'), '-vf', 'setpts=2*PTS', ...X264, '-r', '30', slow);
  await openApp(page);

  const o = (await analyze(page, original)).result!.analysis as GaitAnalysis;
  expect(o.activity).toBe('running');
  expect(o.slowMotion.suspected).toBe(false);
  const cadence = o.summary.cadence.value!;
  await expect(page.getByTestId('slow-motion-message')).toHaveCount(0);

  const r = await analyze(page, slow);
  const s = r.result!.analysis as GaitAnalysis;
  const packets = Number(execFileSync('ffprobe', ['-v', 'error', '-count_packets', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', slow], { encoding: 'utf8' }).trim());
  expect(r.result!.frames).toHaveLength(packets);
  expect(packets).toBeGreaterThanOrEqual(355);
  console.log(`original 6–12 s: cadence ${cadence} steps/min, contact ${o.summary.contactTimeMs.value} ms; slow 2×: suspected ${s.slowMotion.suspected} (${s.slowMotion.reason}), factor ${s.slowMotion.likelyFactor}`);
  expect(s.slowMotion).toMatchObject({ suspected: true, likelyFactor: 2 });
  expect(s.summary.cadence.value).toBeNull();
  await expect(page.getByTestId('slow-motion-message')).toContainText('This looks like slow motion');
  await expect(page.getByTestId('capture-fps')).toHaveValue('60'); // prefilled: likely factor × playback rate
  await expect(page.getByTestId('measure-cadence')).toContainText('looks like slow motion');

  // the user types the capture rate and applies it (no pose model: the frames are re-analysed)
  await page.getByTestId('capture-fps').fill('');
  await page.getByTestId('capture-fps').pressSequentially('60');
  await page.getByTestId('capture-apply').click();
  await expect(page.getByTestId('time-scale-note')).toContainText('filmed at 60 fps, played at 30 fps (2× slow motion)');
  const a = await shown(page);
  expect(a.timeScale!.captureFps).toBe(60);
  expect(a.timeScale!.playbackFps).toBeCloseTo(30, 2); // measured from the timestamps
  expect(a.timeScale!.factor).toBeCloseTo(0.5, 4);
  expect(a.slowMotion.suspected).toBe(false);
  const after = a.summary.cadence.value!;
  console.log(`with 60 fps given: cadence ${after} steps/min (original ${cadence}, ${(((after - cadence) / cadence) * 100).toFixed(1)} %), contact ${a.summary.contactTimeMs.value} ms, stride ${a.summary.strideTimeMs.value} ms (original ${o.summary.strideTimeMs.value}); re-analysis ${JSON.stringify(await page.evaluate(() => window.__stridescope!.reanalysis))}`);
  expect(Math.abs(after - cadence) / cadence).toBeLessThanOrEqual(0.03);
  expect(Math.abs(a.summary.strideTimeMs.value! - o.summary.strideTimeMs.value!) / o.summary.strideTimeMs.value!).toBeLessThanOrEqual(0.03);
  // every time-based figure on the page is real time: the cadence card, the headline, the time axis (6 s, not 12)
  await expect(page.getByTestId('measure-cadence')).toContainText(String(after));
  await expect(page.getByTestId('headline-time-scale')).toContainText('filmed at 60 fps');
  const ticks = await page.locator('.tl-time .tick text').allTextContents();
  expect(Math.max(...ticks.map((t) => parseFloat(t)))).toBeLessThanOrEqual(6.2);
  expect(await page.evaluate(() => window.__stridescope!.corrections)).toEqual({ events: null, captureFps: 60 });

  // cleared: back to the clip's own timing, suspected again
  await page.getByTestId('slow-motion').locator('summary').click();
  await page.getByTestId('capture-clear').click();
  await expect(page.getByTestId('slow-motion-message')).toBeVisible();
  expect((await shown(page)).summary.cadence.value).toBeNull();
});

test('a contact moved with the keyboard takes the knee at its new frame; a toe-off dragged on the timeline; undo; saved, reopened, backed up; labels export', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('patient-label').fill('PT-EDIT');
  const r = await analyze(page, sharedClip('treadmill-side-left.mp4'));
  const a0 = r.result!.analysis as GaitAnalysis;
  expect(a0.activity).toBe('running');
  const kneeAt = (a: GaitAnalysis, foot: 'left' | 'right', f: number) => (foot === 'left' ? a.series!.kneeFlexionLeftDeg : a.series!.kneeFlexionRightDeg)[f];
  // a contact in the middle of the clip whose stride has a knee value, where the knee 3 frames later differs clearly
  const stride0 = a0.strides.find((s) => s.icFrame > 120 && s.kneeFlexionIcDeg !== null && kneeAt(a0, s.foot, s.icFrame + 3) !== null && Math.abs(kneeAt(a0, s.foot, s.icFrame + 3)! - s.kneeFlexionIcDeg) >= 5)!;
  expect(stride0).toBeDefined();
  const { foot, icFrame: F } = stride0;
  await expect(page.getByTestId('event-editor')).toBeVisible();
  await expect(page.getByTestId('ee-state')).toHaveText(/as detected/);

  // as a user: Shift+→ from event to event until the player is on that contact, select it (a click on its mark in the
  // editor's strip: jumping alone selects nothing), then ] three times
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 200 && Number(await page.getByTestId('frame-index').textContent()) < F; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('frame-index')).toHaveText(String(F));
  await expect(page.getByTestId('ee-selected')).toContainText('No event selected');
  await page.locator(`[data-testid=strip-mark][data-type=IC][data-foot=${foot}][data-frame="${F}"]`).click();
  await expect(page.getByTestId('ee-selected')).toContainText(`${foot} initial contact, frame ${F}`);
  for (let i = 0; i < 3; i++) await page.keyboard.press(']');
  await expect(page.getByTestId('ee-selected')).toContainText(`${foot} initial contact, frame ${F + 3} (detected at ${F})`);
  await expect(page.getByTestId('frame-index')).toHaveText(String(F + 3));
  await expect(page.getByTestId('corrected-banner')).toContainText('1 moved');
  await page.waitForFunction(([ft, f]) => (window.__stridescope!.result!.analysis as GaitAnalysis).strides.some((s) => s.foot === ft && s.icFrame === f), [foot, F + 3] as const);
  const a1 = await shown(page);
  const stride1 = a1.strides.find((s) => s.foot === foot && s.icFrame === F + 3)!;
  const series = kneeAt(a1, foot, F + 3)!;
  console.log(`${foot} contact moved ${F} → ${F + 3}: knee at contact ${stride0.kneeFlexionIcDeg}° → ${stride1.kneeFlexionIcDeg}° (knee flexion series at frame ${F + 3}: ${series.toFixed(1)}°); median knee at IC ${a0.summary.kneeFlexionIcDeg.value} → ${a1.summary.kneeFlexionIcDeg.value}; re-analysis ${JSON.stringify(await page.evaluate(() => window.__stridescope!.reanalysis))}`);
  expect(Math.abs(stride1.kneeFlexionIcDeg! - series)).toBeLessThanOrEqual(2);
  expect(Math.abs(stride1.kneeFlexionIcDeg! - stride0.kneeFlexionIcDeg!)).toBeGreaterThanOrEqual(3);
  expect(a1.eventsCorrected).toBe(true);
  expect(detectedKeys(a1.detectedEvents!)).toEqual(detectedKeys(a0.events));
  // the page: the moved mark, the detected ones faint, the summary card from the corrected strides
  await expect(page.locator(`[data-testid=event-mark][data-type=IC][data-foot=${foot}][data-frame="${F + 3}"]`)).toHaveCount(1);
  await expect(page.locator(`[data-testid=event-mark][data-type=IC][data-foot=${foot}][data-frame="${F}"]`)).toHaveCount(0);
  await expect(page.getByTestId('detected-mark')).toHaveCount(a0.events.length);
  await expect(page.getByTestId('measure-knee-ic')).toContainText(a1.summary.kneeFlexionIcDeg.value!.toFixed(1));
  await expect(page.getByTestId('headline-corrected')).toContainText('1 moved');

  // the mouse: zoom the timeline onto ~2 s (drag in the strip under it), drag a toe-off two frames later, undo (Ctrl+Z)
  const to = a1.events.find((e) => e.type === 'TO' && e.frame > F + 20)!;
  const mark = page.locator(`[data-testid=event-mark][data-type=TO][data-foot=${to.foot}][data-frame="${to.frame}"]`);
  // the whole chart in view (the zoom strip under it, the event lane on top)
  await page.locator('.timeline svg').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const strip = (await page.locator('.tl-brush-strip > rect').first().boundingBox())!;
  const atFrame = (f: number) => strip.x + (f / (a1.frameCount - 1)) * strip.width;
  await page.mouse.move(atFrame(to.frame - 20), strip.y + strip.height / 2);
  await page.mouse.down();
  await page.mouse.move(atFrame(to.frame + 40), strip.y + strip.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.locator('.tl-reset')).toBeVisible();
  const markX = (e: { subFrame: number }) => mark.evaluate((el, sub) => {
    const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(el.getAttribute('transform') ?? '')!;
    return { x: Number(m[1]), y: Number(m[2]), sub };
  }, e.subFrame);
  const other = a1.events.find((e) => e.frame > to.frame + 15 && e.frame < to.frame + 35)!;
  const p1 = await markX(to);
  const p2 = await page.locator(`[data-testid=event-mark][data-type=${other.type}][data-foot=${other.foot}][data-frame="${other.frame}"]`).evaluate((el) => Number(/translate\(([-\d.]+)/.exec(el.getAttribute('transform') ?? '')![1]));
  const pxPerFrame = (p2 - p1.x) / (other.subFrame - to.subFrame);
  expect(pxPerFrame).toBeGreaterThan(5);
  const svgBox = (await page.locator('.timeline svg').boundingBox())!;
  await page.mouse.move(svgBox.x + p1.x, svgBox.y + p1.y);
  await page.mouse.down();
  await page.mouse.move(svgBox.x + p1.x + pxPerFrame, svgBox.y + p1.y, { steps: 3 });
  await page.mouse.move(svgBox.x + p1.x + (to.frame + 2 - to.subFrame) * pxPerFrame, svgBox.y + p1.y, { steps: 3 });
  await page.mouse.up();
  await expect(page.getByTestId('corrected-banner')).toContainText('2 moved');
  await page.waitForFunction(([ft, f]) => (window.__stridescope!.result!.analysis as GaitAnalysis).events.some((e) => e.type === 'TO' && e.foot === ft && e.frame === f), [to.foot, to.frame + 2] as const);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('corrected-banner')).toContainText('1 moved');
  await page.waitForFunction(([ft, f]) => (window.__stridescope!.result!.analysis as GaitAnalysis).events.some((e) => e.type === 'TO' && e.foot === ft && e.frame === f), [to.foot, to.frame] as const);
  expect((await shown(page)).strides.find((s) => s.foot === foot && s.icFrame === F + 3)!.kneeFlexionIcDeg).toBe(stride1.kneeFlexionIcDeg);

  // labels export: parses, the label files' fields, the moved contact at its new frame, marked by hand
  const labels = JSON.parse((await downloadOf(page, 'export-labels')).bytes.toString('utf8'));
  expect(labels).toMatchObject({ clip: 'treadmill-side-left.mp4', fps: 30, frames: 360, view: 'side', frame_numbering: '0-based, in decode order (as ffmpeg -vsync 0 numbers them)' });
  for (const k of ['facing', 'setting', 'near_side', 'events', 'notes']) expect(labels).toHaveProperty(k);
  expect(labels.events).toHaveLength(a0.events.length);
  const moved = labels.events.find((e: ManualEvent) => e.type === 'IC' && e.foot === foot && e.frame === F + 3);
  expect(moved).toMatchObject({ uncertainty: 1, source: 'hand', side: stride1.side, strike_certain: false });
  expect(labels.events.some((e: ManualEvent) => e.type === 'IC' && e.foot === foot && e.frame === F)).toBe(false);
  expect(labels.notes).toMatch(/Made with StrideScope .* corrected by hand: 1 events moved\/added\/deleted \(1 moved\)/);
  // the strides CSV says so on every row; the JSON is the corrected analysis with the detected events kept
  const csv = (await downloadOf(page, 'export-strides')).bytes.toString('utf8').trim().split('\n');
  expect(csv[0].endsWith(',events,capture_fps')).toBe(true);
  expect(csv.slice(1).every((l) => l.includes(',corrected by hand,'))).toBe(true);
  const json = JSON.parse((await downloadOf(page, 'export-json')).bytes.toString('utf8'));
  expect(json.analysis.eventsCorrected).toBe(true);
  expect(json.analysis.detectedEvents).toHaveLength(a0.events.length);

  // saved, reloaded, reopened: the same corrected value, the marker, the detected events kept
  await page.getByTestId('record-save').click();
  await expect(page.getByTestId('record-save-state')).toContainText(/Saved on this device/);
  const [rec] = (await storedRecords<StoredRecord>(page)).records;
  expect(rec.clips[0].corrections!.captureFps).toBeNull();
  expect(rec.clips[0].corrections!.events).toContainEqual({ type: 'IC', foot, frame: F + 3 });
  expect(rec.clips[0].result.analysis.detectedEvents).toHaveLength(a0.events.length);
  await page.reload();
  await page.waitForFunction(() => window.__stridescope !== undefined);
  await openRecords(page);
  await expect(page.getByTestId('record-item')).toContainText('corrected by hand');
  await page.getByTestId('record-open').click();
  await expect(page.getByTestId('corrected-banner')).toContainText('1 moved');
  const reopened = await shown(page);
  expect(reopened.strides.find((s) => s.foot === foot && s.icFrame === F + 3)!.kneeFlexionIcDeg).toBe(stride1.kneeFlexionIcDeg);
  expect(detectedKeys(reopened.detectedEvents!)).toEqual(detectedKeys(a0.events));
  await expect(page.getByTestId('detected-mark')).toHaveCount(a0.events.length);
  expect(await page.evaluate(() => window.__stridescope!.corrections!.events!.length)).toBe(a0.events.length);
  // editing goes on from the saved corrections (no pose model): reset to detected gives the worker's analysis back
  await page.getByTestId('ee-reset').click();
  await expect(page.getByTestId('corrected-banner')).toHaveCount(0);
  await expect(page.getByTestId('detected-mark')).toHaveCount(0);
  expect(await shown(page)).toEqual(a0);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('corrected-banner')).toContainText('1 moved');

  // backed up, deleted, restored: the corrections come back with the record
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('record-backup').click()]);
  const backup = (await dl.path())!;
  await page.getByTestId('record-delete').click();
  await page.getByTestId('record-delete-yes').click();
  await expect(page.getByTestId('record-item')).toHaveCount(0);
  await page.setInputFiles('[data-testid=restore-input]', backup);
  await expect(page.getByTestId('record-item')).toHaveCount(1);
  const [restored] = (await storedRecords<StoredRecord>(page)).records;
  expect(restored.clips[0].corrections).toEqual(rec.clips[0].corrections);
  await page.getByTestId('record-open').click();
  await expect(page.getByTestId('corrected-banner')).toContainText('1 moved');
});

test('a record saved before corrections existed (no corrections, no slow-motion or corrected-event fields) still opens and can be corrected', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('patient-label').fill('PT-OLD');
  const r = await analyze(page, sharedClip('overground-side-right-to-left.mp4'));
  const a0 = r.result!.analysis as GaitAnalysis;
  await page.getByTestId('record-save').click();
  await expect(page.getByTestId('record-save-state')).toContainText(/Saved on this device/);
  // rewrite the stored record as an older version wrote it
  await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const q = indexedDB.open('stridescope');
      q.onsuccess = () => res(q.result);
      q.onerror = () => rej(q.error);
    });
    const store = () => db.transaction('records', 'readwrite').objectStore('records');
    const [rec] = await new Promise<Record<string, unknown>[]>((res) => {
      const q = store().getAll();
      q.onsuccess = () => res(q.result);
    });
    const clips = (rec.clips as Record<string, unknown>[]).map((c) => {
      const { corrections: _c, ...clip } = c;
      const result = clip.result as { analysis: Record<string, unknown>; clip: Record<string, unknown> };
      const { activityBasis: _a, timeScale: _t, slowMotion: _s, eventsCorrected: _e, detectedEvents: _d, ...analysis } = result.analysis;
      const { slowMotionHint: _h, ...clipInfo } = result.clip;
      return { ...clip, result: { ...result, clip: clipInfo, analysis } };
    });
    await new Promise<void>((res, rej) => {
      const q = store().put({ ...rec, clips });
      q.onsuccess = () => res();
      q.onerror = () => rej(q.error);
    });
    db.close();
  });
  await page.reload();
  await page.waitForFunction(() => window.__stridescope !== undefined);
  await openRecords(page);
  await page.getByTestId('record-open').click();
  await expect(page.getByTestId('consult-view')).toBeVisible();
  await expect(page.getByTestId('event-mark')).toHaveCount(a0.events.length);
  await expect(page.getByTestId('corrected-banner')).toHaveCount(0);
  const old = await shown(page);
  expect(old.eventsCorrected).toBe(false);
  expect(old.slowMotion.suspected).toBe(false);
  // and a correction works on it: delete the first event (click its mark in the player's event strip, then Delete)
  const first = a0.events[0];
  await page.keyboard.press('Shift+ArrowRight');
  await page.locator(`[data-testid=strip-mark][data-type=${first.type}][data-foot=${first.foot}][data-frame="${first.frame}"]`).click();
  await expect(page.getByTestId('ee-selected')).toContainText(`frame ${first.frame}`);
  await page.getByTestId('ee-delete').click();
  await expect(page.getByTestId('corrected-banner')).toContainText('1 deleted');
  await page.waitForFunction((n) => (window.__stridescope!.result!.analysis as GaitAnalysis).events.length === n, a0.events.length - 1);

  // that correction is not saved: a new clip does not silently replace the report — the page asks first; keeping the
  // report keeps the correction, and replacing it starts the new analysis (cancelled here at once)
  await page.setInputFiles('[data-testid=file-input]', sharedClip('small-runner-side.mp4'));
  await expect(page.getByTestId('unsaved-confirm')).toContainText('not saved');
  expect(await page.evaluate(() => window.__stridescope!.phase)).toBe('done');
  await page.getByTestId('unsaved-keep').click();
  await expect(page.getByTestId('unsaved-confirm')).toHaveCount(0);
  await expect(page.getByTestId('corrected-banner')).toContainText('1 deleted');
  await page.setInputFiles('[data-testid=file-input]', sharedClip('small-runner-side.mp4'));
  await page.getByTestId('unsaved-discard').click();
  await expect(page.getByTestId('progress')).toBeVisible();
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('cancelled')).toBeVisible();
});
