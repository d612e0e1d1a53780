/**
 * The PDF report's pure parts and the report itself built in Node (jsPDF, read back with pdf.js) on a synthetic
 * analysis: frame labels that pair each flag with its own foot's event, still captions, the measures table's cells,
 * text wrapping and column layout, the footer, and page 1 / the chart page / the methods as a reader gets them.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { jsPDF } from 'jspdf';
import type { GaitAnalysis, GaitEvent } from '../../src/core/analysis';
import type { ClipInfo } from '../../src/core/types';
import { frameLabel } from '../../src/app/export/still';
import { columnStarts, columnWidths, footerLine, latin1, niceTicks, overWhite, wrapText } from '../../src/app/export/pdfLayout';
import { flagCaption, flaggedStillFrames, measureRow, methodsSections, panelThresholds, refCaption } from '../../src/app/export/pdfContent';
import { chartWindows, frameSeconds } from '../../src/app/export/pdfChart';
import { composeReport } from '../../src/app/export/pdfReport';
import { measureCards } from '../../src/app/report/summaryModel';
import { framesToLookAt, overviewOf } from '../../src/app/report/findingsModel';
import { run } from './analysis/harness';

const { a } = run('extended', { fps: 60, seed: 11 });

/** `a` with one more event (a copy of one of `foot`'s events of `type`, moved to `frame`). */
function withEvent(base: GaitAnalysis, type: 'IC' | 'TO', foot: 'left' | 'right', frame: number): GaitAnalysis {
  const like = base.events.find((e) => e.type === type && e.foot === foot)!;
  const e: GaitEvent = { ...like, frame, subFrame: frame };
  return { ...base, events: [...base.events, e].sort((p, q) => p.subFrame - q.subFrame) };
}

describe('frameLabel: each event with its foot, each flag with its own foot and kind', () => {
  const hs = a.flags.find((f) => f.kind === 'heel-strike-straight-knee' && f.foot === 'left')!;
  const ext = a.flags.find((f) => f.kind === 'extension-at-toe-off' && f.foot === 'right')!;

  it('the synthetic clip has the flags and their own events', () => {
    expect(hs).toBeTruthy();
    expect(ext).toBeTruthy();
    expect(a.events.some((e) => e.type === 'IC' && e.foot === 'left' && e.frame === hs.frame)).toBe(true);
    expect(frameLabel(a, hs.frame)).toBe('L initial contact, flagged: heel strike on a nearly straight knee');
  });

  it('a left heel-strike flag and a right toe-off on one frame: the flag stays with the left contact', () => {
    const b = withEvent(a, 'TO', 'right', hs.frame);
    const label = frameLabel(b, hs.frame);
    expect(label).toBe('L initial contact, flagged: heel strike on a nearly straight knee · R toe-off');
    expect(label).not.toMatch(/R toe-off, flagged/);
    expect(label).not.toMatch(/R toe-off · flag/);
  });

  it('a right extension flag and a left contact on one frame: the flag stays with the right toe-off', () => {
    const b = withEvent(a, 'IC', 'left', ext.frame);
    expect(frameLabel(b, ext.frame)).toBe('R toe-off, flagged: extension at toe-off · L initial contact');
  });

  it('a flag whose own event is not on its frame is named with its own foot and kind, beside no other event', () => {
    const b: GaitAnalysis = { ...a, events: a.events.filter((e) => !(e.frame === hs.frame && e.foot === 'left')) };
    const c = withEvent(b, 'TO', 'right', hs.frame);
    expect(frameLabel(c, hs.frame)).toBe('R toe-off · flagged: L heel strike on a nearly straight knee');
  });

  it('a frame with nothing on it: empty; no analysis: empty', () => {
    const busy = new Set([...a.events.map((e) => e.frame), ...a.flags.map((f) => f.frame)]);
    const quiet = Array.from({ length: a.frameCount }, (_, i) => i).find((i) => !busy.has(i))!;
    expect(frameLabel(a, quiet)).toBe('');
    expect(frameLabel(null, hs.frame)).toBe('');
  });
});

describe('still captions: the flag\'s own kind, foot and frame', () => {
  it('flagCaption reads "L heel strike on a nearly straight knee · frame N · knee K°, foot F°"', () => {
    const f = a.flags.find((x) => x.kind === 'heel-strike-straight-knee' && x.foot === 'left')!;
    expect(flagCaption(f)).toBe(`L heel strike on a nearly straight knee · frame ${f.frame} · knee ${Math.round(f.values.kneeFlexionDeg!)}°, foot ${Math.round(f.values.footAngleDeg!)}°`);
    const e = a.flags.find((x) => x.kind === 'extension-at-toe-off' && x.foot === 'right')!;
    expect(flagCaption(e)).toMatch(new RegExp(`^R extension at toe-off · frame ${e.frame} · trunk -?\\d+°, thigh \\d+°, trunk–thigh \\d+°`));
  });

  it('the frames to look at are captioned by their own flag', () => {
    for (const r of framesToLookAt(a)) {
      const cap = refCaption(a, r);
      expect(cap).toMatch(new RegExp(`^${r.foot === 'left' ? 'L' : 'R'} (heel strike on a nearly straight knee|extension at toe-off) · frame ${r.frame} · `));
    }
  });

  it('flagged stills: min(6, flagged frames), frames not shown yet first, in order, each a flagged frame', () => {
    const all = [...new Set(a.flags.map((f) => f.frame))];
    const shown = framesToLookAt(a).map((r) => r.frame);
    const pick = flaggedStillFrames(a, shown, 6);
    expect(pick).toHaveLength(Math.min(6, all.length));
    expect(pick.every((f) => all.includes(f) && !shown.includes(f))).toBe(true);
    expect([...pick].sort((p, q) => p - q)).toEqual(pick);
    // fewer fresh frames than asked: filled with shown ones, still min(max, all)
    expect(flaggedStillFrames(a, all.slice(0, all.length - 2), 6)).toHaveLength(Math.min(6, all.length));
    expect(flaggedStillFrames({ ...a, flags: [] }, [], 6)).toEqual([]);
  });
});

describe('measures table cells', () => {
  const cards = measureCards(a);
  it('a measured value: number, range, sides, how sure in words, the reference or a plain dash', () => {
    const knee = measureRow(cards.find((c) => c.id === 'knee-ic')!);
    expect(knee.state).toBe('ok');
    expect(knee.value).toMatch(/^-?\d+\.\d°$/);
    expect(knee.sure).toMatch(/^(High|Moderate|Low)$/);
    expect(knee.reference).toContain('15°');
    expect(latin1(knee.reference)).toContain('15° or less (StrideScope threshold)');
    expect(measureRow(cards.find((c) => c.id === 'foot-angle')!).reference).toContain('Altman & Davis 2012');
    expect(measureRow(cards.find((c) => c.id === 'shank')!).reference).toBe('\u2014');
  });
  it('when a measure is read, in words', () => {
    expect(measureRow(cards.find((c) => c.id === 'cadence')!).event).toBe('over the whole clip');
    // a clip of several parts (segments): the figures are from one of them
    const parts = { ...a, segments: [{ ...a.segments[0], primary: true }, { ...a.segments[0], primary: false, startsWith: 'cut' as const }] };
    expect(measureRow(measureCards(parts).find((c) => c.id === 'cadence')!).event).toBe('over one part of the clip (see the parts above)');
    expect(latin1(measureRow(cards.find((c) => c.id === 'contact')!).event)).toBe('from contact to toe-off');
    expect(measureRow(cards.find((c) => c.id === 'knee-ic')!).event).toBe('at initial contact');
  });
  it('a low how sure says why on its row; a negative value has a minus sign', () => {
    const c = cards.find((x) => x.id === 'flight')!;
    const r = measureRow({ ...c, sure: { level: 'low', factors: [], why: 'frame rate: one frame is 17 ms at 60 fps, 45 % of this value' } });
    expect(r.sure).toBe('Low');
    expect(r.note).toBe('How sure is low: frame rate: one frame is 17 ms at 60 fps, 45 % of this value.');
    const neg = measureRow({ ...c, measure: { ...c.measure, value: -12.34, unit: 'ms', iqr: null, left: -3, right: null } });
    expect(neg.value).toBe('\u201312 ms');
    expect(neg.sides).toBe('L \u20133 / R \u2014');
  });
  it('a value with a caveat is "unreliable" with the reason, not a number', () => {
    const c = { ...cards.find((x) => x.id === 'contact')!, caveat: 'contact + flight do not add up to the step time' };
    const r = measureRow(c);
    expect(r.state).toBe('unreliable');
    expect(r.value).toBe('unreliable');
    expect(r.valueNote).toMatch(/^\(reads \d+ ms\)$/);
    expect(r.note).toBe('Unreliable: contact + flight do not add up to the step time.');
  });
  it('a value not measured says why; an estimate is marked', () => {
    const c = cards.find((x) => x.id === 'lumbar')!;
    expect(measureRow(c).estimate).toBe(true);
    const none = measureRow({ ...c, measure: { ...c.measure, value: null, reason: 'needs a side view' } });
    expect(none.value).toBe('not measured');
    expect(none.note).toBe('Not measured: needs a side view.');
    expect(none.sure).toBe('\u2014');
  });
});

describe('layout helpers', () => {
  const w = (s: string) => s.length * 5; // 5 points a character
  it('wrapText: lines within the width, words kept whole, the text given back', () => {
    const text = 'Anterior hip pain on the right after 5 km, worse downhill; review in four weeks.';
    const ls = wrapText(text, 100, w);
    expect(ls.length).toBeGreaterThan(1);
    for (const l of ls) expect(w(l)).toBeLessThanOrEqual(100);
    expect(ls.join(' ')).toBe(text);
  });
  it('wrapText: keeps line breaks and empty lines, cuts a word longer than a line', () => {
    expect(wrapText('one\n\ntwo three', 1000, w)).toEqual(['one', '', 'two three']);
    const long = 'x'.repeat(45);
    const ls = wrapText(`a ${long} b`, 100, w);
    expect(ls).toEqual(['a', 'x'.repeat(20), 'x'.repeat(20), 'x'.repeat(5) + ' b']);
    expect(wrapText('', 100, w)).toEqual(['']);
  });
  it('columnWidths: fill the width, each at least its minimum; shrink in proportion when the minimums do not fit', () => {
    const cols = [{ min: 100, weight: 1 }, { min: 60, weight: 0 }, { min: 110, weight: 2 }];
    const a4 = columnWidths(515, cols);
    expect(a4.reduce((s, x) => s + x, 0)).toBeCloseTo(515, 6);
    a4.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(cols[i].min));
    expect(a4[1]).toBe(60);
    expect(a4[2] - 110).toBeCloseTo(2 * (a4[0] - 100), 6);
    const narrow = columnWidths(135, cols);
    expect(narrow.reduce((s, x) => s + x, 0)).toBeCloseTo(135, 6);
    expect(narrow[0] / narrow[2]).toBeCloseTo(100 / 110, 6);
    expect(columnStarts(40, [10, 20, 30], 2)).toEqual([40, 52, 74]);
  });
  it('footerLine: label, session date, page p of n; no label and no date said in words, never "- -"', () => {
    expect(footerLine('PT-0042', '2026-12-07', 2, 5)).toBe('StrideScope gait report · PT-0042 · session 2026-12-07 · page 2 of 5');
    const bare = footerLine('  ', '', 1, 3);
    expect(bare).toBe('StrideScope gait report · no label · session date not given · page 1 of 3');
    expect(bare).not.toMatch(/- -|· ·/);
  });
  it('latin1: thresholds in words, arrows and minus signs folded, WinAnsi dashes kept, the rest "?"', () => {
    expect(latin1('high ≥ 25° (StrideScope threshold)')).toBe('high 25° or more (StrideScope threshold)');
    expect(latin1('nearly straight ≤ 15°')).toBe('nearly straight 15° or less');
    expect(latin1('contact → toe-off')).toBe('contact to toe-off');
    expect(latin1('−1.6° — “quoted” ’')).toBe('\u20131.6° \u2014 \u201cquoted\u201d \u2019');
    expect(latin1('knee 20° · Ærø 🏃\tdone\r\nnext')).toBe('knee 20° · Ærø ? done\nnext');
    expect(latin1('forefoot < -1.6°, 15-25°, L -4.0 / R -4.5, T-shirt')).toBe('forefoot < \u20131.6°, 15-25°, L \u20134.0 / R \u20134.5, T-shirt');
  });
  it('niceTicks and overWhite', () => {
    expect(niceTicks(-12, 31, 4)).toEqual([-10, 0, 10, 20, 30]);
    expect(niceTicks(0, 12, 6)).toEqual([0, 2, 4, 6, 8, 10, 12]);
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(overWhite('#0072b2', 1)).toEqual([0, 114, 178]);
    expect(overWhite('#0072b2', 0)).toEqual([255, 255, 255]);
  });
  it('chart windows: at most 6.5 s a page, at most 3 pages, covering every frame', () => {
    const secs = (n: number, fps: number) => Array.from({ length: n }, (_, i) => i / fps);
    expect(chartWindows(secs(300, 60))).toEqual([[0, 299]]);
    const w12 = chartWindows(secs(360, 30));
    expect(w12).toEqual([[0, 180], [180, 359]]);
    expect(chartWindows(secs(1800, 30))).toHaveLength(3);
    expect(frameSeconds(a, [])[60]).toBeCloseTo(1, 6);
  });
  it('thresholds drawn on the side-view panels', () => {
    expect(panelThresholds('knee').map((t) => t.value)).toEqual([15]);
    expect(panelThresholds('thigh').map((t) => t.value)).toEqual([25]);
    expect(panelThresholds('trunk').map((t) => t.value)).toContain(3);
    expect(panelThresholds('pelvis')).toEqual([]);
  });
});

describe('the methods in words', () => {
  const text = methodsSections(a, measureCards(a))
    .map((s) => [s.title, ...s.paragraphs, ...(s.items ?? [])].join(' '))
    .join(' ');
  it('say how, what, which thresholds and from where, how sure, the estimates, and not a diagnosis — no pointer to a file', () => {
    for (const want of ['on this device', 'BlazePose', 'Zeni', 'Altman & Davis 2012', 'StrideScope threshold', 'How sure combines', 'not measurements', '2-D estimate from one video, not a diagnosis'])
      expect(text).toContain(want);
    for (const c of measureCards(a)) expect(text).toContain(c.meaning);
    expect(text).not.toContain('METHODS.md');
  });
});

// ---- the report built in Node, read back with pdf.js

const clip = {
  fileName: 'synthetic-extended.mp4', fileSizeBytes: 1, container: 'MP4', mimeType: 'video/mp4', codec: 'avc', codecString: null,
  codedWidth: 1280, codedHeight: 720, displayWidth: 1280, displayHeight: 720, rotation: 0, durationS: a.durationS,
  sampleCount: a.frameCount, decodedFrameCount: a.frameCount, nominalFps: 60, measuredFps: 60,
} as unknown as ClipInfo;

async function pdfPages(notes: string, patientLabel: string, paper: 'a4' | 'letter', analysis: GaitAnalysis = a) {
  const doc = new jsPDF({ unit: 'pt', format: paper });
  await composeReport(doc, { clip, frames: [], analysis, patientLabel, date: '2026-12-07', notes, madeOn: '2026-12-08' }, async () => null);
  const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(doc.output('arraybuffer')), useSystemFonts: false, standardFontDataUrl: join(process.cwd(), 'node_modules/pdfjs-dist/standard_fonts/') }).promise;
  const pages: { text: string; images: number; paths: number }[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const p = await pdf.getPage(i);
    const text = (await p.getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' ');
    const ops = await p.getOperatorList();
    pages.push({ text, images: ops.fnArray.filter((f) => f === OPS.paintImageXObject).length, paths: ops.fnArray.filter((f) => f === OPS.constructPath).length });
  }
  return pages;
}

describe('the PDF report (jsPDF in Node, read back with pdf.js)', () => {
  const longNotes = `Anterior hip pain on the right → worse downhill, knee 20° at contact. ${'Review the cadence and the lean. '.repeat(12)}`.trim();
  it('page 1: header, verdict, findings with how sure, counts, coverage, the notes (wrapped, folded), the measures with references', async () => {
    const pages = await pdfPages(longNotes, 'PT-0042', 'letter');
    const first = pages[0].text;
    for (const want of ['StrideScope gait report', 'Patient PT-0042', 'Session 2026-12-07', 'Report made 2026-12-08', 'synthetic-extended.mp4', overviewOf(a).verdict, 'How sure: ', "Clinician's notes", 'Measures', 'Reference or threshold', 'Altman & Davis 2012', 'measures measured'])
      expect(first).toContain(want);
    expect(first).toContain(latin1(longNotes).replace(/\s+/g, ' '));
    expect(first).toContain('Anterior hip pain on the right to worse downhill');
    for (const f of overviewOf(a).findings) expect(first).toContain(f.title);
    const all = pages.map((p) => p.text).join(' ');
    expect(all).not.toContain('METHODS.md');
    pages.forEach((p, i) => expect(p.text).toContain(`StrideScope gait report · PT-0042 · session 2026-12-07 · page ${i + 1} of ${pages.length}`));
    expect(all).not.toMatch(/- -|· ·/);
  });
  it('no notes, no label: "No notes." and "(no label)"; the footer says "no label"', async () => {
    const pages = await pdfPages('', '', 'a4');
    expect(pages[0].text).toContain('No notes.');
    expect(pages[0].text).toContain('(no label)');
    pages.forEach((p, i) => expect(p.text).toContain(`StrideScope gait report · no label · session 2026-12-07 · page ${i + 1} of ${pages.length}`));
  });
  it('nothing flagged: "Nothing was flagged", typical frames, no flagged-frames page', async () => {
    const { a: neutral } = run('neutral', { fps: 60, seed: 13 });
    expect(neutral.flags).toHaveLength(0);
    const pages = await pdfPages('', 'PT-0001', 'a4', neutral);
    expect(pages[0].text).toContain('Nothing was flagged in this clip.');
    expect(pages[0].text).toContain(overviewOf(neutral).verdict);
    expect(pages.some((p) => p.text.includes('Typical frames'))).toBe(true);
    expect(pages.some((p) => p.text.includes('Flagged frames'))).toBe(false);
    pages.forEach((p, i) => expect(p.text).toContain(`page ${i + 1} of ${pages.length}`));
  });
  it('the chart page: vector paths with axes in degrees and seconds and the thresholds, no picture', async () => {
    const pages = await pdfPages('', 'PT-0042', 'a4');
    const chart = pages.find((p) => p.text.includes('Over the clip'))!;
    expect(chart.images).toBe(0);
    // at least a mark per event and a line per trace (the whole 5 s clip fits one page)
    expect(chart.paths).toBeGreaterThanOrEqual(a.events.length + 9);
    for (const want of ['Knee flexion', 'nearly straight 15°', 'high 25°', 'trunk upright 3°', '0 s', 'seconds', '°']) expect(chart.text).toContain(want);
  });
}, 60_000);
