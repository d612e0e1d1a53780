#!/usr/bin/env node
/**
 * Makes a labels file with the app's own event editor (issue 19, item 8), as a clinician would in the page: the clip
 * is analysed in the real page (decoder, BlazePose, analysis), the events judged by eye are added at their frames in
 * the editor (the player stepped there with ← / →, then the editor's "add" button; one the app detected at that very
 * frame is kept), every other detected event is deleted (its mark in the editor's strip clicked, then "Delete"), and
 * the editor's "Export labels (JSON)" is saved. The export is written as it came, with what the export cannot know
 * added at the top level: `activity` (what the clip shows), `labelled_span`, and `how_made` (how the frames were judged).
 *
 *   node scripts/label-with-editor.mjs <clip in ../shared/clips> <judged.json> <out.json>
 *
 * judged.json: { "activity": "walking", "how_made": "…", "events": [{ "type": "IC", "foot": "left", "frame": 57 }, …] }
 * (feet as the app names them; the export's notes say so) — a labels file this script wrote serves as one too, so
 * fixtures/labels/walking-side.json can be made again from itself. Events judged by eye get uncertainty 1 and source
 * "hand" also where one fell on a detected event's frame (the editor's export would call it "detected").
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale, startAppServer } from './lib/app-server.mjs';
import { analyzeInPage, openApp, openBrowser } from './lib/run-in-page.mjs';
import { SHARED_DIR } from './lib/labels.mjs';

const [clipName, judgedPath, outPath] = process.argv.slice(2);
if (!clipName || !judgedPath || !outPath) {
  console.error('usage: node scripts/label-with-editor.mjs <clip in ../shared/clips> <judged.json> <out.json>');
  process.exit(2);
}
const judged = JSON.parse(readFileSync(judgedPath, 'utf8'));
const WORDS = { IC: 'ic', TO: 'to' };

buildIfStale();
const server = await startAppServer();
const { context, dir } = await openBrowser();
try {
  const page = await openApp(context, server.url);
  const r = await analyzeInPage(page, join(SHARED_DIR, 'clips', clipName), { model: 'full', view: 'auto' });
  if (r.phase !== 'done') throw new Error(`analysis ${r.phase}: ${r.error?.message ?? ''}`);
  await page.getByTestId('event-editor').waitFor();
  const detected = await page.evaluate(() => window.__stridescope.result.analysis.events.map((e) => ({ type: e.type, foot: e.foot, frame: e.frame })));
  const frameNow = async () => Number(await page.getByTestId('frame-index').textContent());
  /** The player stepped to frame f with ← / → (the editor's strip shows the events around the frame shown). */
  const stepTo = async (f) => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 2000 && (await frameNow()) !== f; i++) await page.keyboard.press((await frameNow()) < f ? 'ArrowRight' : 'ArrowLeft');
    if ((await frameNow()) !== f) throw new Error(`could not step the player to frame ${f}`);
  };
  const detectedKeys = new Set(detected.map((e) => `${e.type} ${e.foot} ${e.frame}`));
  for (const e of [...judged.events].sort((a, b) => a.frame - b.frame).filter((x) => !detectedKeys.has(`${x.type} ${x.foot} ${x.frame}`))) {
    await stepTo(e.frame);
    await page.getByTestId(`ee-add-${WORDS[e.type]}-${e.foot}`).click();
    console.log(`added ${e.foot} ${e.type} at frame ${e.frame}`);
  }
  // then every detected event that is not a judged one goes (deleting first would leave the clip without steps for a
  // while, and the page's analysis of it flickering)
  const judgedKeys = new Set(judged.events.map((e) => `${e.type} ${e.foot} ${e.frame}`));
  const toDelete = detected.filter((e) => !judgedKeys.has(`${e.type} ${e.foot} ${e.frame}`));
  console.log(`${detected.length} events detected; deleting ${toDelete.length} in the editor`);
  for (const e of toDelete) {
    await stepTo(e.frame);
    // a click on the event's mark in the editor's strip selects it
    const sel = `[data-testid=strip-mark][data-type=${e.type}][data-foot=${e.foot}][data-frame="${e.frame}"]`;
    await page.locator(sel).click({ force: true });
    await page.getByTestId('ee-delete').click();
    await page.waitForFunction((q) => document.querySelectorAll(q).length === 0, sel);
  }
  const want = judged.events.map((e) => `${e.type} ${e.foot} ${e.frame}`);
  // the page analyses the clip again with the corrections: wait until its events are the judged ones
  await page
    .waitForFunction((w) => {
      const ev = window.__stridescope.result.analysis.events.map((e) => `${e.type} ${e.foot} ${e.frame}`);
      return ev.length === w.length && w.every((x) => ev.includes(x));
    }, want, { timeout: 120_000 })
    .catch(() => {});
  const events = await page.evaluate(() => window.__stridescope.result.analysis.events.map((e) => `${e.type} ${e.foot} ${e.frame}`));
  if (events.length !== want.length || want.some((w) => !events.includes(w))) throw new Error(`the editor holds ${events.join(', ')}; expected ${want.join(', ')}`);
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-labels').click()]);
  const doc = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  const frames = judged.events.map((e) => e.frame);
  const out = {
    ...doc,
    activity: judged.activity ?? 'running',
    labelled_span: [Math.min(...frames), Math.max(...frames)],
    how_made: judged.how_made,
    events: doc.events.map((e) => ({ ...e, uncertainty: 1, source: 'hand' })),
  };
  writeFileSync(outPath, `${JSON.stringify(out, null, 1)}\n`);
  console.log(`${out.events.length} events → ${outPath}`);
} finally {
  await context.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
