/**
 * The printable report as a PDF file (jsPDF, loaded on demand), A4 or Letter:
 *  1. a clinical summary: patient label, session and report dates, clip facts; the extended-posture verdict with one
 *     sentence per finding and how sure; what the counts count; the measures' coverage; the clinician's notes; every
 *     measure with its range, left / right, how sure and its reference band or threshold (an unreliable value with its
 *     reason, not as a number);
 *  2. the timeline, drawn from the data as vector paths (pdfChart.ts), with thresholds and a legend;
 *  3. the frames to look at, then up to six more flagged frames, each captioned with its own flag (foot, kind, frame);
 *  4. the methods in words (pdfContent.ts): how the video was analysed, what each measure is, the thresholds and their
 *     sources, what "how sure" combines, the estimates' caveat, the limits.
 * A footer on every page: "StrideScope gait report · label · session date · page p of n" and the 2-D caveat.
 * Standard PDF fonts only cover Latin-1, so every text is folded to it (→ becomes ->, ≥ >=).
 */
import type { jsPDF } from 'jspdf';
import { SETTING_WORDS, type GaitAnalysis } from '../../core/analysis';
import { segmentsHeadline } from '../../core/analysis/segmentAnalysis';
import type { ClipInfo, PoseFrame } from '../../core/types';
import { coverageOf, measureCards, strikeByFoot } from '../report/summaryModel';
import { framesToLookAt, overviewOf } from '../report/findingsModel';
import { LEVEL_WORDS } from '../report/certainty';
import { personBox } from '../report/FrameThumb';
import { drawStill, type StillContext } from './still';
import { detectedOf, diffEvents, diffWords } from '../report/eventEdits';
import { timeScaleWords } from '../format';
import { columnStarts, columnWidths, footerLine, latin1, rgb, wrapText } from './pdfLayout';
import { flaggedStillCaptions, flaggedStillFrames, measureRow, methodsSections, refCaption, SURE_LEGEND } from './pdfContent';
import { chartWindows, drawChart, drawLegend, frameSeconds } from './pdfChart';

export { latin1 } from './pdfLayout';

export type Paper = 'a4' | 'letter';

export interface ReportInput {
  clip: ClipInfo;
  frames: readonly PoseFrame[];
  analysis: GaitAnalysis;
  patientLabel: string;
  /** yyyy-mm-dd of the session. */
  date: string;
  /** The clinician's notes on the session ('' when none). */
  notes?: string;
  getFrame(i: number, longSide: number): Promise<ImageBitmap | null>;
  paper: Paper;
  /** The day the report is made (yyyy-mm-dd); default today. */
  madeOn?: string;
}

/** A still ready for the PDF: a JPEG data URL and its size in pixels. */
export interface StillImage {
  url: string;
  w: number;
  h: number;
}
/** The annotated still of a frame, cropped to the runner (null: the frame could not be decoded). */
export type StillSource = (frame: number) => Promise<StillImage | null>;

/** Flagged stills after the frames to look at. */
export const MAX_FLAGGED_STILLS = 6;

/** Why a caption's reading and the number drawn on the still can differ. */
const READINGS_NOTE =
  'Left blue, right orange. The readings in a caption are those of the event itself (read from the frames around it, between two frames); the angles drawn on the picture are of that one frame, so they can differ by a few degrees.';

const INK = '#1d2330';
const MUTED = '#5b6475';
const RULE = '#d5dbe4';
const SHADE = '#f3f5f8';
const WARN = '#8a3b00';
const GOOD = '#1b5e20';

export async function buildPdfReport(input: ReportInput): Promise<Blob> {
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ unit: 'pt', format: input.paper });
  await composeReport(doc, input, browserStills(input));
  return doc.output('blob');
}

/** Stills decoded again from the clip (720 px long side), with skeleton and angles, cut to the runner. */
export function browserStills(input: ReportInput): StillSource {
  const ctx: StillContext = { clip: input.clip, frames: input.frames, analysis: input.analysis, patientLabel: input.patientLabel, date: input.date };
  return async (frame) => {
    const bmp = await input.getFrame(frame, 720);
    if (!bmp) return null;
    const full = document.createElement('canvas');
    drawStill(full, bmp, frame, ctx, { caption: false });
    bmp.close();
    const box = personBox(input.frames[frame], input.clip, 0.12);
    const k = full.width / input.clip.displayWidth;
    // the angle labels sit beside the joints: a margin of 15 % of the runner's height each side keeps them whole
    const wide = box ? widened(box, 0.15 * box.h, input.clip.displayWidth) : null;
    const src = wide ? { x: wide.x * k, y: box!.y * k, w: wide.w * k, h: box!.h * k } : { x: 0, y: 0, w: full.width, h: full.height };
    const c = document.createElement('canvas');
    c.width = Math.max(1, Math.round(src.w));
    c.height = Math.max(1, Math.round(src.h));
    c.getContext('2d')!.drawImage(full, src.x, src.y, src.w, src.h, 0, 0, c.width, c.height);
    return { url: c.toDataURL('image/jpeg', 0.88), w: c.width, h: c.height };
  };
}

/** `box` widened by `margin` each side, within [0, width]. */
function widened(box: { x: number; w: number }, margin: number, width: number): { x: number; w: number } {
  const x0 = Math.max(0, box.x - margin);
  const x1 = Math.min(width, box.x + box.w + margin);
  return { x: x0, w: x1 - x0 };
}

type Style = { size?: number; bold?: boolean; italic?: boolean; colour?: string; x?: number; width?: number; lineH?: number };

/** The report onto `doc` (a new jsPDF in points), with the stills from `stills`. */
export async function composeReport(doc: jsPDF, input: Omit<ReportInput, 'getFrame' | 'paper'>, stills: StillSource): Promise<void> {
  const a = input.analysis;
  const W = doc.internal.pageSize.getWidth();
  const H = doc.internal.pageSize.getHeight();
  const M = 40;
  const TOP = 40;
  const BOTTOM = H - 46;
  const TW = W - 2 * M;
  let y = TOP;

  const font = (s: Style) => {
    doc.setFont('helvetica', s.bold ? (s.italic ? 'bolditalic' : 'bold') : s.italic ? 'italic' : 'normal');
    doc.setFontSize(s.size ?? 9);
    doc.setTextColor(...rgb(s.colour ?? INK));
  };
  const lines = (text: string, s: Style): string[] => {
    font(s);
    return wrapText(latin1(text), s.width ?? TW - ((s.x ?? M) - M), (t) => doc.getTextWidth(t));
  };
  const lineHeight = (s: Style) => s.lineH ?? (s.size ?? 9) * 1.3;
  const newPage = () => {
    doc.addPage();
    y = TOP;
  };
  /** A new page unless `need` points fit on this one. */
  const room = (need: number) => {
    if (y + need > BOTTOM) newPage();
  };
  /** Wrapped text from `y`, breaking pages between lines; returns the lines' count. */
  const para = (text: string, s: Style = {}, after = 3) => {
    const ls = lines(text, s);
    const lh = lineHeight(s);
    for (const l of ls) {
      room(lh);
      font(s);
      doc.text(l, s.x ?? M, y + (s.size ?? 9) * 0.95);
      y += lh;
    }
    y += after;
    return ls.length;
  };
  const heading = (text: string, size = 12, keepWith = 40) => {
    room(size * 1.6 + keepWith);
    y += 4;
    font({ size, bold: true });
    doc.text(latin1(text), M, y + size);
    y += size * 1.5;
  };
  const rule = (colour = RULE, at = y) => {
    doc.setDrawColor(...rgb(colour));
    doc.setLineWidth(0.6);
    doc.setLineDashPattern([], 0);
    doc.line(M, at, W - M, at);
  };
  /** Bulleted lines, each wrapped under its own text. */
  const bullets = (items: readonly string[], s: Style = {}, mark = '\u2022') => {
    for (const it of items) {
      const x = (s.x ?? M) + 9;
      const ls = lines(it, { ...s, x, width: TW - (x - M) });
      const lh = lineHeight(s);
      room(lh * Math.min(2, ls.length));
      font({ ...s, bold: true });
      doc.text(mark, x - 7, y + (s.size ?? 9) * 0.95);
      for (const l of ls) {
        room(lh);
        font(s);
        doc.text(l, x, y + (s.size ?? 9) * 0.95);
        y += lh;
      }
      y += 1.5;
    }
  };

  const madeOn = input.madeOn ?? new Date().toISOString().slice(0, 10);
  const label = input.patientLabel.trim();
  const cards = measureCards(a);
  const ov = overviewOf(a);

  // ================= page 1: the clinical summary
  font({ size: 17, bold: true });
  doc.text('StrideScope gait report', M, y + 16);
  font({ size: 9, colour: MUTED });
  doc.text(latin1(`Running gait from one video \u00b7 2-D estimate, not a diagnosis`), W - M, y + 16, { align: 'right' });
  y += 26;

  // facts: label / value rows in a shaded box
  const fps = input.clip.measuredFps ?? input.clip.nominalFps;
  const v = a.view;
  const seenAs = [
    a.activity === 'none' ? 'no running found' : a.activity,
    `${v.oblique ? 'oblique ' : ''}${v.view} view${v.oblique && v.obliqueDeg !== null ? ` (about ${Math.round(v.obliqueDeg)}° from square)` : ''}`,
    v.direction,
    v.setting ? SETTING_WORDS[v.setting] : null,
    v.nearSide ? `${v.nearSide} side nearest the camera` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const facts: [string, string][] = [
    ['Patient', label || '(no label)'],
    ['Session', input.date || 'date not given'],
    ['Report made', `${madeOn} (analysed on this device)`],
    ['Clip', `${input.clip.fileName} \u00b7 ${input.clip.displayWidth}×${input.clip.displayHeight} \u00b7 ${fps.toFixed(0)} fps \u00b7 ${input.clip.durationS.toFixed(1)} s`],
    ['Seen as', seenAs],
  ];
  if (a.timeScale) facts.push(['Slow motion', `${timeScaleWords(a.timeScale)}; every time in this report is real time`]);
  const parts = segmentsHeadline(a.segments ?? []);
  if (parts) facts.push(['Parts', parts]);
  if (a.eventsCorrected) {
    const d = diffEvents(detectedOf(a), a.events);
    facts.push(['Corrected', `events corrected by hand: ${diffWords(d)} of the ${detectedOf(a).length} detected automatically; every figure is computed from the corrected events`]);
  }
  {
    const keyW = 66;
    const rows = facts.map(([k, val]) => ({ k, ls: lines(val, { size: 8.5, x: M + 8 + keyW, width: TW - 16 - keyW }) }));
    const boxH = rows.reduce((s, r) => s + r.ls.length * 11, 0) + 10;
    doc.setFillColor(...rgb(SHADE));
    doc.roundedRect(M, y, TW, boxH, 3, 3, 'F');
    let yy = y + 6;
    for (const r of rows) {
      font({ size: 8.5, bold: true, colour: MUTED });
      doc.text(latin1(r.k), M + 8, yy + 8.2);
      font({ size: 8.5, bold: r.k === 'Patient' });
      r.ls.forEach((l, i) => doc.text(l, M + 8 + keyW, yy + 8.2 + i * 11));
      yy += r.ls.length * 11;
    }
    y += boxH + 6;
  }

  // the finding
  heading(a.view.view === 'back' ? 'What StrideScope found' : 'Extended-posture pattern', 12, 30);
  const present = ov.findings.some((f) => f.present);
  para(ov.verdict, { size: 10.5, bold: true, colour: present ? WARN : ov.judged && a.flags.length === 0 ? GOOD : INK }, 3);
  for (const f of ov.findings) {
    const x = M + 10;
    room(26);
    doc.setFillColor(...rgb(f.present ? WARN : f.flagged ? '#b07a3a' : '#9aa5b5'));
    doc.circle(M + 3.5, y + 5.2, 2.4, 'F');
    para(`${f.title} ${f.sentence} How sure: ${LEVEL_WORDS[f.sure.level]}.`, { size: 9.5, x, width: TW - 10 }, 0);
    if (f.sure.why) para(`Why not higher: ${f.sure.why}.`, { size: 7.5, colour: MUTED, x, width: TW - 10 }, 0);
    y += 3;
  }
  if (ov.judged && a.flags.length === 0 && a.activity === 'running') para('Nothing was flagged in this clip.', { size: 9.5, bold: true, colour: GOOD });
  for (const ad of a.advice.filter((x) => x.severity !== 'info')) para(`Note on the clip: ${ad.message}`, { size: 8.5, colour: WARN });
  y += 2;
  for (const c of ov.counts) para(c, { size: 8.5, colour: MUTED }, 0.5);
  if (a.activity !== 'none') para(coverageOf(cards).sentence, { size: 8.5, colour: MUTED }, 0.5);
  y += 4;

  // the clinician's notes
  heading("Clinician's notes", 12, 24);
  {
    const notes = (input.notes ?? '').trim();
    const s: Style = { size: 9.5, x: M + 8, width: TW - 16, italic: !notes, colour: notes ? INK : MUTED };
    const ls = lines(notes || 'No notes.', s);
    const lh = lineHeight(s);
    // the box is drawn page by page around the lines that fit on each
    let i = 0;
    while (i < ls.length) {
      room(lh + 10);
      const fit = Math.max(1, Math.min(ls.length - i, Math.floor((BOTTOM - y - 10) / lh)));
      const boxH = fit * lh + 9;
      doc.setDrawColor(...rgb(RULE));
      doc.setLineWidth(0.6);
      doc.setFillColor(255, 255, 255);
      doc.rect(M, y, TW, boxH, 'S');
      font(s);
      for (let k = 0; k < fit; k++) doc.text(ls[i + k], M + 8, y + 5 + (s.size ?? 9) * 0.95 + k * lh);
      i += fit;
      y += boxH + 4;
      if (i < ls.length) newPage();
    }
  }

  // the measures
  heading('Measures', 12, 60);
  para(
    a.view.view === 'back'
      ? 'Median over the stances; the middle half of the stances as the range.'
      : 'Median over the strides; the middle half of the strides as the range; left and right feet apart.',
    { size: 8, colour: MUTED },
    2,
  );
  {
    const heads = ['Measure', 'Value', 'Range (middle half)', 'Left / right', 'How sure', 'Reference or threshold'];
    const widths = columnWidths(TW, [
      { min: 100, weight: 1 },
      { min: 60, weight: 0.2 },
      { min: 96, weight: 0.4 },
      { min: 66, weight: 0.2 },
      { min: 46, weight: 0 },
      { min: 110, weight: 1.6 },
    ]);
    const GAP = 6;
    const inner = widths.map((w) => w - GAP);
    const xs = columnStarts(M + 3, widths, 0);
    const header = () => {
      font({ size: 7.5, bold: true, colour: MUTED });
      heads.forEach((h, i) => doc.text(h, xs[i], y + 8));
      y += 11;
      rule('#9aa5b5', y);
      y += 2;
    };
    room(30);
    header();
    const SZ = 8;
    const LH = 9.6;
    cards.forEach((c, idx) => {
      const r = measureRow(c);
      const cells: { ls: string[]; s: Style }[] = [
        { ls: lines(`${r.label}${r.estimate ? ' (estimate)' : ''}`, { size: SZ, bold: true, width: inner[0] }), s: { size: SZ, bold: true } },
        {
          ls: lines(r.value, { size: SZ, bold: r.state === 'ok', width: inner[1] }),
          s: { size: SZ, bold: r.state === 'ok', colour: r.state === 'unreliable' ? WARN : r.state === 'not-measured' ? MUTED : INK },
        },
        { ls: lines(r.range, { size: SZ, width: inner[2] }), s: { size: SZ } },
        { ls: lines(r.sides, { size: SZ, width: inner[3] }), s: { size: SZ } },
        { ls: lines(r.sure, { size: SZ, width: inner[4] }), s: { size: SZ, bold: r.sure === 'Low', colour: r.sure === 'Low' ? WARN : INK } },
        { ls: lines(r.reference, { size: 7.5, width: inner[5] }), s: { size: 7.5, colour: r.reference === '\u2014' ? MUTED : INK } },
      ];
      const eventLs = lines(r.event, { size: 7, width: inner[0] });
      const valueNote = r.valueNote ? lines(r.valueNote, { size: 7, width: inner[1] }) : [];
      const col0 = cells[0].ls.length * LH + eventLs.length * 8.4;
      const col1 = cells[1].ls.length * LH + valueNote.length * 8.4;
      const rowH = Math.max(col0, col1, ...cells.slice(2).map((c) => c.ls.length * LH)) + 3;
      const noteS: Style = { size: 7.2, colour: r.state === 'unreliable' ? WARN : MUTED, width: TW - (xs[1] - M) - 4 };
      const noteLs = r.note ? lines(r.note, noteS) : [];
      const noteH = noteLs.length * 8.6 + (noteLs.length ? 2 : 0);
      if (y + rowH + noteH > BOTTOM) {
        newPage();
        font({ size: 9, bold: true, colour: MUTED });
        doc.text('Measures (continued)', M, y + 9);
        y += 14;
        header();
      }
      if (idx % 2 === 1) {
        doc.setFillColor(...rgb('#f7f8fa'));
        doc.rect(M, y - 1, TW, rowH + noteH, 'F');
      }
      cells.forEach((cell, i) => {
        font(cell.s);
        cell.ls.forEach((l, k) => doc.text(l, xs[i], y + SZ + k * LH));
      });
      font({ size: 7, colour: MUTED });
      eventLs.forEach((l, k) => doc.text(l, xs[0], y + SZ + cells[0].ls.length * LH + k * 8.4 - 0.5));
      font({ size: 7, colour: WARN });
      valueNote.forEach((l, k) => doc.text(l, xs[1], y + SZ + cells[1].ls.length * LH + k * 8.4 - 0.5));
      y += rowH;
      if (noteLs.length) {
        font(noteS);
        noteLs.forEach((l, k) => doc.text(l, xs[1], y + 6.8 + k * 8.6));
        y += noteH;
      }
      doc.setDrawColor(...rgb('#e6eaf0'));
      doc.setLineWidth(0.4);
      doc.line(M, y, W - M, y);
      y += 1;
    });
    y += 4;
  }
  if (a.view.view === 'side' && a.summary.strike.reason === null && a.activity !== 'none') {
    const st = strikeByFoot(a);
    const foot = (f: 'left' | 'right') =>
      `${f}${a.view.nearSide === f ? ' (near)' : a.view.nearSide ? ' (far)' : ''}: heel ${st[f].heel}, midfoot ${st[f].midfoot}, forefoot ${st[f].forefoot}${st[f].undecided ? `, unsure ${st[f].undecided}` : ''}`;
    para(`Foot strike, contacts per foot \u00b7 ${foot('left')} \u00b7 ${foot('right')}.`, { size: 8 }, 2);
  }
  para(SURE_LEGEND, { size: 7.5, colour: MUTED }, 1);
  if (cards.some((c) => c.measure.estimate)) para('Estimate: computed from a model with one assumption, not measured (see Methods).', { size: 7.5, colour: MUTED }, 1);

  // ================= the timeline, a page per window of at most 6.5 s (a stride stays wide enough to read)
  if (a.series && a.activity !== 'none') {
    const ts = frameSeconds(a, input.frames);
    const windows = chartWindows(ts);
    const at = (f: number) => (ts[Math.max(0, Math.min(ts.length - 1, f))] ?? 0).toFixed(1);
    windows.forEach((w, i) => {
      newPage();
      heading(windows.length > 1 ? `Over the clip, ${at(w[0])} to ${at(w[1])} s of ${at(ts.length - 1)} s` : 'Over the clip', 13, 0);
      if (i === 0) {
        para(
          a.view.view === 'back'
            ? 'The angles frame by frame.'
            : 'The angles frame by frame. The values in the measures table are read from these lines at the contacts and toe-offs marked at the top. A threshold applies at the event named beside it, not all through the stride.',
          { size: 8.5, colour: MUTED },
          4,
        );
      }
      y += drawLegend(doc, a, M, y, TW) + 6;
      const chart = drawChart(doc, a, input.frames, { x: M, y, w: TW, h: BOTTOM - y - 30 }, w);
      y += chart.height + 6;
      const note = (s: string) => para(s, { size: 8, colour: MUTED }, 1);
      for (const s of chart.model.summarised) note(`Not shaded: ${s.title.toLowerCase()}, at ${s.flagged} of ${s.of} ${s.kind === 'extension-at-toe-off' ? 'toe-offs' : 'contacts'}: nearly every stride, so no frame is singled out.`);
      if (chart.model.detected.length) note('Dotted grey marks: the events as first detected, before the correction by hand.');
    });
  }

  // ================= stills
  const look = framesToLookAt(a);
  const secs = frameSeconds(a, input.frames);
  /** "left foot, near the camera · 9.03 s". */
  const detailOf = (frame: number, foot: 'left' | 'right' | null) => {
    const side = foot ? (a.view.nearSide === foot ? ', near the camera' : a.view.nearSide ? ', far from the camera' : '') : '';
    return `${foot ? `${foot} foot${side} · ` : ''}${(secs[frame] ?? 0).toFixed(2)} s`;
  };
  type StillItem = { frame: number; captions: string[]; detail: string };
  const placeStills = async (items: StillItem[], cols: number, rowsPerPage: number, title: string, intro: string) => {
    newPage();
    heading(title, 13, 0);
    para(intro, { size: 8.5, colour: MUTED }, 4);
    const gap = 12;
    const cellW = (TW - (cols - 1) * gap) / cols;
    const captionS: Style = { size: 8, bold: true, width: cellW };
    const detailS: Style = { size: 7.5, colour: MUTED, width: cellW };
    const capLines = (it: StillItem) => [...it.captions.flatMap((c) => lines(c, captionS).map((l) => ({ l, s: captionS }))), ...lines(it.detail, detailS).map((l) => ({ l, s: detailS }))];
    const capH = Math.max(...items.map((it) => capLines(it).length)) * 9.6 + 8;
    // decoded one after the other (each is a seek in the clip); the cells take the tallest still's shape
    const imgs: (StillImage | null)[] = [];
    for (const it of items) imgs.push(await stills(it.frame));
    const ratio = Math.max(0.5, ...imgs.map((im) => (im ? im.h / im.w : 0)));
    const cellH = Math.min(cellW * (imgs.some(Boolean) ? ratio : 4 / 3), (BOTTOM - y - rowsPerPage * (capH + gap)) / rowsPerPage);
    for (let i = 0; i < items.length; i++) {
      const col = i % cols;
      if (col === 0 && i > 0) y += cellH + capH + gap;
      if (col === 0 && y + cellH + capH > BOTTOM) newPage();
      const x = M + col * (cellW + gap);
      const img = imgs[i];
      if (img) {
        const k = Math.min(cellW / img.w, cellH / img.h);
        const w = img.w * k;
        const h = img.h * k;
        doc.addImage(img.url, 'JPEG', x + (cellW - w) / 2, y + (cellH - h), w, h);
      } else {
        doc.setFillColor(...rgb(SHADE));
        doc.rect(x, y, cellW, cellH, 'F');
        font({ size: 8, colour: MUTED });
        doc.text(`frame ${items[i].frame} could not be decoded`, x + cellW / 2, y + cellH / 2, { align: 'center' });
      }
      let cy = y + cellH + 10;
      for (const { l, s: st } of capLines(items[i])) {
        font(st);
        doc.text(l, x, cy);
        cy += 9.6;
      }
    }
    y += cellH + capH + gap;
  };
  if (look.length) {
    const flagged = a.flags.length > 0;
    await placeStills(
      look.map((r) => ({ frame: r.frame, captions: [refCaption(a, r)], detail: detailOf(r.frame, r.foot) })),
      2,
      2,
      flagged ? 'Where to look' : 'Typical frames',
      flagged
        ? `The frames that show the finding best: the clearest flags, the foot nearest the camera first, both feet and both kinds of flag. ${READINGS_NOTE}`
        : `Nothing was flagged: a typical contact and a typical toe-off of this clip. ${READINGS_NOTE}`,
    );
  }
  const allFlagged = [...new Set(a.flags.map((f) => f.frame))];
  const more = flaggedStillFrames(a, look.map((r) => r.frame), MAX_FLAGGED_STILLS);
  if (more.length) {
    await placeStills(
      more.map((frame) => {
        const fl = a.flags.filter((f) => f.frame === frame);
        const feet = [...new Set(fl.map((f) => f.foot))];
        return { frame, captions: flaggedStillCaptions(a, frame), detail: detailOf(frame, feet.length === 1 ? feet[0] : null) };
      }),
      3,
      2,
      `Flagged frames (${more.length} of ${allFlagged.length})`,
      `More flagged frames, spread over the clip${allFlagged.length > more.length ? ' (every one is in the app, and in the flagged-frames ZIP)' : ''}. Each caption names that frame's own flag: its foot, its kind and its readings. ${READINGS_NOTE}`,
    );
  }

  // ================= methods, in words
  newPage();
  heading('How this report was made', 13, 0);
  const tips = a.advice.filter((x) => x.severity === 'info');
  if (tips.length) {
    heading('For a better clip next time', 10, 24);
    bullets(tips.map((x) => x.message), { size: 8.5 });
  }
  for (const s of methodsSections(a, cards)) {
    heading(s.title, 10, 24);
    for (const p of s.paragraphs) para(p, { size: 8.5 }, 3);
    if (s.items) bullets(s.items, { size: 8.5 });
    y += 2;
  }

  // ================= footers
  const pages = doc.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    doc.setPage(p);
    rule(RULE, H - 34);
    font({ size: 7.5, colour: MUTED });
    const left = latin1(footerLine(input.patientLabel, input.date, p, pages));
    const right = '2-D estimate from one video, not a diagnosis.';
    doc.text(left, M, H - 24);
    if (doc.getTextWidth(left) + doc.getTextWidth(right) + 20 < TW) doc.text(right, W - M, H - 24, { align: 'right' });
    else doc.text(right, M, H - 14);
  }
}
