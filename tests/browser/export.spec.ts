/**
 * Exports on a real clip: an annotated still is a PNG at the video's resolution whose overlay differs from the raw
 * frame; "all flagged frames" is a ZIP with one PNG per flagged frame; keypoints / strides CSV and the JSON parse; the
 * PDF report (A4 and Letter) opens in pdf.js with its pages: page 1 a clinical summary (verdict, the notes typed, how
 * sure, references), the chart drawn as vector paths (no picture of the page), the stills, the methods in words, and a
 * footer with the label and "page p of n" on every page.
 */
import { expect, test, type Page } from '@playwright/test';
import type { GaitAnalysis } from '../../src/core/analysis';
import type { AnalyzeResult } from '../../src/core/types';
import { unzipStored } from '../../src/app/export/zip';
import { overviewOf } from '../../src/app/report/findingsModel';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, openApp, ROOT, scratchDir, sharedClip } from './helpers';
import { downloadOf } from './pageData';

function pngSize(b: Buffer): { w: number; h: number } {
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
}

test('stills, flagged-frame ZIP, CSV, JSON and the PDF report (A4 and Letter)', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('patient-label').fill('PT-0042');
  const r = await analyze(page, sharedClip('treadmill-side-left.mp4'));
  const a = r.result!.analysis as GaitAnalysis;
  const clip = r.result!.clip;

  // a still of a flagged frame, opened from the frames to look at
  const flagFrame = Number(await page.getByTestId('look-thumb').first().getAttribute('data-frame'));
  expect(a.flags.some((f) => f.frame === flagFrame)).toBe(true);
  await page.getByTestId('look-thumb').first().click();
  await expect(page.getByTestId('frame-index')).toHaveText(String(flagFrame));
  const still = await downloadOf(page, 'export-still');
  expect(still.name).toMatch(new RegExp(`frame${String(flagFrame).padStart(5, '0')}\\.png$`));
  const size = pngSize(still.bytes);
  expect(size).toEqual({ w: clip.displayWidth, h: clip.displayHeight });
  // the overlay changes pixels against the raw decoded frame (skeleton, arcs, caption); most of the image is untouched
  const diff = await page.evaluate(
    async ({ b64, frame, side }) => {
      const png = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const raw = (await window.__stridescope!.frameBitmap!(frame, side))!;
      const px = (bmp: ImageBitmap) => {
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const g = c.getContext('2d')!;
        g.drawImage(bmp, 0, 0);
        return g.getImageData(0, 0, bmp.width, bmp.height).data;
      };
      const p = px(png);
      const q = px(raw);
      let changed = 0;
      for (let i = 0; i < p.length; i += 4) if (Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]) > 60) changed++;
      return { changed, total: p.length / 4, rawW: raw.width, rawH: raw.height };
    },
    { b64: still.bytes.toString('base64'), frame: flagFrame, side: Math.max(clip.displayWidth, clip.displayHeight) },
  );
  console.log(`still ${size.w}×${size.h}: ${diff.changed} of ${diff.total} pixels changed by the overlay`);
  expect([diff.rawW, diff.rawH]).toEqual([size.w, size.h]);
  expect(diff.changed).toBeGreaterThan(0.01 * diff.total);
  expect(diff.changed).toBeLessThan(0.5 * diff.total);

  // every flagged frame in one ZIP, one PNG each
  const z = await downloadOf(page, 'export-zip');
  const entries = unzipStored(new Uint8Array(z.bytes));
  const flagged = [...new Set(a.flags.map((f) => f.frame))];
  expect(entries).toHaveLength(flagged.length);
  for (const e of entries) {
    expect(e.name).toMatch(/\.png$/);
    expect(pngSize(Buffer.from(e.data))).toEqual({ w: clip.displayWidth, h: clip.displayHeight });
  }
  expect(entries.map((e) => Number(/frame(\d+)\.png$/.exec(e.name)![1])).sort((x, y) => x - y)).toEqual(flagged.sort((x, y) => x - y));

  // data
  const kp = (await downloadOf(page, 'export-keypoints')).bytes.toString('utf8').trim().split('\n');
  expect(kp[0]).toBe('frame,time_ms,keypoint,x_px,y_px,z,score');
  expect(kp.length - 1).toBe(r.result!.frames.reduce((s, f) => s + (f.keypoints?.length ?? 1), 0));
  const st = (await downloadOf(page, 'export-strides')).bytes.toString('utf8').trim().split('\n');
  expect(st.length - 1).toBe(a.strides.length);
  const json = JSON.parse((await downloadOf(page, 'export-json')).bytes.toString('utf8')) as AnalyzeResult;
  expect(json.schemaVersion).toBe(r.result!.schemaVersion);
  expect(json.frames).toHaveLength(r.result!.frames.length);
  expect((json.analysis as GaitAnalysis).events).toEqual(a.events);

  // the PDF report, on the same analysis, with the clinician's notes typed on the page
  await page.getByTestId('record-notes').fill(NOTES);
  await expectPdfReports(page, a, await page.getByTestId('session-date').inputValue());
});

/** Long enough to wrap; "°" is Latin-1, "→" is folded ("to"). */
const NOTES =
  'Anterior hip pain on the right after 5 km, worse downhill. Knee 20° at contact last month on the treadmill → now nearly straight. ' +
  'Plan: cadence +5 %, a slight forward lean from the ankles, hip flexor strength; review in four weeks with a new clip.';
const NOTES_IN_PDF = NOTES.replace(' → ', ' to ');

const squash = (s: string) => s.replace(/\s+/g, ' ');

/** The PDF report opens (pdf.js): pages, patient label PT-0042, the charts and the flagged stills; A4 and Letter. Page 1
 *  holds the verdict, the notes, "How sure" and a reference; the chart page is vector paths, not a picture; every page
 *  has its footer; no page points to docs/METHODS.md. Page 1 is rendered to PNG (pdftoppm) when poppler is installed. */
async function expectPdfReports(page: Page, a: GaitAnalysis, date: string): Promise<void> {
  const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const out = scratchDir();
  for (const paper of ['a4', 'letter'] as const) {
    await page.getByTestId('pdf-paper').selectOption(paper);
    const pdf = await downloadOf(page, 'export-pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const doc = await getDocument({ data: new Uint8Array(pdf.bytes), useSystemFonts: false, standardFontDataUrl: join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/') }).promise;
    const pages: { text: string; images: number; paths: number; w: number; h: number }[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const p = await doc.getPage(i);
      const text = (await p.getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ');
      const ops = await p.getOperatorList();
      const images = ops.fnArray.filter((f) => f === OPS.paintImageXObject).length;
      const paths = ops.fnArray.filter((f) => f === OPS.constructPath).length;
      const [, , w, h] = p.view;
      pages.push({ text, images, paths, w, h });
    }
    console.log(`${paper}: ${doc.numPages} pages, images per page ${pages.map((p) => p.images).join('/')}, paths per page ${pages.map((p) => p.paths).join('/')}`);
    expect(doc.numPages).toBeGreaterThanOrEqual(3);
    expect(Math.round(pages[0].w)).toBe(paper === 'a4' ? 595 : 612);
    expect(Math.round(pages[0].h)).toBe(paper === 'a4' ? 842 : 792);
    expect(pages[0].text).toContain('StrideScope gait report');
    expect(pages[0].text).toContain('PT-0042');
    expect(pages[0].text).toContain('Cadence');
    expect(pages[0].text).toContain(String(a.summary.cadence.value));
    // page 1: a clinical summary — the verdict, the notes as typed (wrapped, folded), how sure, a reference band
    const first = squash(pages[0].text);
    expect(first).toContain(squash(overviewOf(a).verdict));
    expect(first).toContain("Clinician's notes");
    expect(first).toContain(NOTES_IN_PDF);
    expect(first).toContain('How sure');
    expect(first).toMatch(/How sure: (High|Moderate|Low)\./);
    expect(first).toContain('Altman');
    expect(first).toContain(`Session ${date}`);
    // the chart: drawn from the data as vector paths, not a picture of the page's SVG (no cursor, no zoom strip)
    const chartPage = pages.findIndex((p) => p.text.includes('Over the clip'));
    expect(chartPage).toBeGreaterThan(0);
    expect(pages[chartPage].images).toBe(0);
    expect(pages[chartPage].paths).toBeGreaterThan(50);
    expect(pages[chartPage].text).toContain('Knee flexion');
    expect(pages[chartPage].text).toMatch(/nearly straight 15° or less|nearly straight 15°/);
    expect(pages[chartPage].text).toMatch(/\d+ s\b/);
    const stillPage = pages.findIndex((p) => p.text.includes('Flagged frames'));
    expect(pages[stillPage].images).toBe(Math.min(6, new Set(a.flags.map((f) => f.frame)).size));
    // each flagged still's caption names its own flag: foot, kind, frame
    for (const f of a.flags.filter((f) => squash(pages[stillPage].text).includes(`frame ${f.frame} ·`)))
      expect(squash(pages[stillPage].text)).toContain(`${f.foot === 'left' ? 'L' : 'R'} ${f.kind === 'heel-strike-straight-knee' ? 'heel strike on a nearly straight knee' : 'extension at toe-off'} · frame ${f.frame} ·`);
    expect(pages.map((p) => p.text).join(' ')).toContain('not a diagnosis');
    // the methods in words, on the page — not a pointer to a file a patient cannot open
    const all = squash(pages.map((p) => p.text).join(' '));
    expect(all).not.toContain('METHODS.md');
    expect(all).toContain('BlazePose');
    expect(all).toContain('How sure combines');
    expect(all).toContain('Altman & Davis 2012');
    // every page's footer: label, session date, page p of n
    pages.forEach((p, i) => expect(squash(p.text)).toContain(`StrideScope gait report · PT-0042 · session ${date} · page ${i + 1} of ${doc.numPages}`));
    expect(all).not.toMatch(/- -|· ·/);

    const file = join(out, `report-${paper}.pdf`);
    writeFileSync(file, pdf.bytes);
    if (existsSync('/usr/bin/pdftoppm')) {
      execFileSync('/usr/bin/pdftoppm', ['-r', '110', '-png', '-f', '1', '-l', '1', file, join(out, `report-${paper}-page`)]);
      const png = readdirSync(out).find((n) => n.startsWith(`report-${paper}-page`) && n.endsWith('.png'));
      expect(png).toBeTruthy();
      console.log(`${paper}: page 1 rendered to ${join(out, png!)}`);
    } else console.log(`${paper}: pdftoppm not installed, page 1 not rendered (PDF at ${file})`);
  }
}
