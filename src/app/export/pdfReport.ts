/**
 * The printable report as a PDF file (jsPDF, loaded on demand): patient label and date, clip facts, the extended-posture
 * finding, every measure of the summary, the timeline charts, the flagged stills, and the methods and caveats in one
 * paragraph. A4 or Letter. Standard PDF fonts only cover Latin-1, so text is folded to it (→ becomes ->, ≥ >=).
 */
import type { GaitAnalysis } from '../../core/analysis';
import type { ClipInfo, PoseFrame } from '../../core/types';
import { measureCards } from '../report/summaryModel';
import { overviewOf } from '../report/findingsModel';
import { drawStill, flaggedFrames, frameLabel, type StillContext } from './still';
import { detectedOf, diffEvents, diffWords } from '../report/eventEdits';
import { timeScaleWords } from '../format';

export type Paper = 'a4' | 'letter';

export interface ReportInput {
  clip: ClipInfo;
  frames: readonly PoseFrame[];
  analysis: GaitAnalysis;
  patientLabel: string;
  date: string;
  /** The clinician's notes on the session ('' when none). */
  notes?: string;
  /** The timeline as drawn on the page (SVG), rasterised into the report; null leaves the charts out. */
  chartSvg: SVGSVGElement | null;
  getFrame(i: number, longSide: number): Promise<ImageBitmap | null>;
  paper: Paper;
}

const MAX_STILLS = 6;

/** Folds text to what the standard PDF fonts can show (Latin-1). */
export function latin1(s: string): string {
  return s
    .replace(/→/g, '->')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/[−–—]/g, '-')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/…/g, '...')
    .replace(/[▼▲]/g, '')
    .replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

/** The page's timeline SVG as a PNG data URL, with the styles it needs inlined (white background). */
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<{ url: string; w: number; h: number }> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const w = Number(svg.getAttribute('width'));
  const h = Number(svg.getAttribute('height'));
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent =
    'text{font-family:Helvetica,Arial,sans-serif}.tl-panel-title{font-size:12px;fill:#5b6475}.tl-lane-label{font-size:11px;fill:#5b6475}' +
    '.tl-axis text{font-size:10px;fill:#5b6475}.tl-axis line{stroke:#e3e8ef}.tl-axis path{stroke:none}.tl-time line{stroke:#9aa5b5}.tl-hover{display:none}';
  clone.insertBefore(style, clone.firstChild);
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', String(w));
  bg.setAttribute('height', String(h));
  bg.setAttribute('fill', '#ffffff');
  clone.insertBefore(bg, style.nextSibling);
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the chart could not be drawn'));
    img.src = src;
  });
  const c = document.createElement('canvas');
  c.width = Math.round(w * scale);
  c.height = Math.round(h * scale);
  const g = c.getContext('2d')!;
  g.scale(scale, scale);
  g.drawImage(img, 0, 0);
  return { url: c.toDataURL('image/png'), w, h };
}

export async function buildPdfReport(input: ReportInput): Promise<Blob> {
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ unit: 'pt', format: input.paper });
  const W = doc.internal.pageSize.getWidth();
  const H = doc.internal.pageSize.getHeight();
  const M = 42;
  let y = M;
  const a = input.analysis;
  const fits = (need: number) => y + need <= H - M;
  const newPage = () => {
    doc.addPage();
    y = M;
  };
  /** A new page unless `need` points still fit on this one. */
  const room = (need: number) => {
    if (!fits(need)) newPage();
  };
  const text = (s: string, size: number, opts: { bold?: boolean; colour?: [number, number, number]; width?: number } = {}) => {
    doc.setFont('helvetica', opts.bold ? 'bold' : 'normal');
    doc.setFontSize(size);
    doc.setTextColor(...(opts.colour ?? [29, 35, 48]));
    const lines = doc.splitTextToSize(latin1(s), opts.width ?? W - 2 * M) as string[];
    for (const l of lines) {
      room(size);
      doc.text(l, M, y + size);
      y += size * 1.3;
    }
  };
  const gap = (n: number) => (y += n);

  // ---- header and facts
  text('StrideScope gait report', 20, { bold: true });
  text(`Patient: ${input.patientLabel || '(no label)'}    Date: ${input.date}`, 12, { bold: true });
  const fps = input.clip.measuredFps ?? input.clip.nominalFps;
  text(
    `Clip: ${input.clip.fileName} - ${input.clip.displayWidth}x${input.clip.displayHeight}, ${fps.toFixed(0)} fps, ${input.clip.durationS.toFixed(1)} s - ` +
      `${a.activity}, ${a.view.view} view${a.view.direction ? `, ${a.view.direction}` : ''}${a.view.setting ? `, ${a.view.setting}` : ''}`,
    10,
    { colour: [91, 100, 117] },
  );
  if (a.timeScale) text(`Slow motion: ${timeScaleWords(a.timeScale)}; every time in this report is real time.`, 10, { bold: true });
  if (a.eventsCorrected) {
    const d = diffEvents(detectedOf(a), a.events);
    text(
      `Events corrected by hand: ${diffWords(d)} of the ${detectedOf(a).length} detected automatically. Every measure, flag and chart in this report is computed from the corrected events.`,
      10,
      { bold: true },
    );
  }
  gap(6);
  text('Extended-posture pattern', 13, { bold: true });
  const ov = overviewOf(a);
  text(ov.verdict, 11, { bold: true });
  for (const f of ov.findings) text(`${f.title} ${f.sentence} How sure: ${f.sure.level}.`, 11);
  if (a.flags.length === 0 && a.activity === 'running') text('Nothing was flagged in this clip.', 11, { bold: true, colour: [27, 94, 32] });
  gap(8);

  // ---- measures
  text('Measures (median over strides; middle half; left / right; confidence)', 13, { bold: true });
  const cards = measureCards(a);
  const col = { label: M, event: M + 150, value: M + 272, range: M + 345, sides: M + 420, conf: M + 500 };
  doc.setFontSize(9);
  for (const c of cards) {
    room(14);
    const m = c.measure;
    const unit = m.unit === 'deg' ? '°' : ` ${m.unit}`;
    const f = (v: number | null) => (v === null ? '-' : v.toFixed(c.digits));
    doc.setFont('helvetica', 'bold');
    doc.text(latin1(`${c.label}${m.estimate ? ' (est.)' : ''}`), col.label, y + 10, { maxWidth: col.event - col.label - 6 });
    doc.setFont('helvetica', 'normal');
    doc.text(latin1(c.event), col.event, y + 10, { maxWidth: col.value - col.event - 6 });
    if (m.value === null) doc.text(latin1(m.reason ?? 'not measured'), col.value, y + 10, { maxWidth: W - M - col.value });
    else {
      doc.text(latin1(`${f(m.value)}${unit}`), col.value, y + 10);
      doc.text(latin1(m.iqr ? `${f(m.iqr[0])} to ${f(m.iqr[1])}` : `${m.n} strides`), col.range, y + 10);
      doc.text(latin1(`L ${f(m.left)} / R ${f(m.right)}`), col.sides, y + 10);
      doc.text(`${Math.round(m.confidence * 100)} %`, col.conf, y + 10);
    }
    y += 14;
  }
  gap(8);
  if (a.advice.length) {
    text('Capture advice', 11, { bold: true });
    for (const ad of a.advice) text(`- ${ad.message}`, 9);
  }

  // ---- charts
  if (input.chartSvg) {
    newPage();
    text('Over the clip', 13, { bold: true });
    text('Left blue, right orange; triangles: initial contacts (down) and toe-offs (up); bars: foot on the ground; shaded: flagged frames.', 9, { colour: [91, 100, 117] });
    const png = await svgToPng(input.chartSvg);
    const w = W - 2 * M;
    const h = Math.min(H - y - M, (png.h / png.w) * w);
    doc.addImage(png.url, 'PNG', M, y + 4, (png.w / png.h) * h, h);
    y += h + 10;
  }

  // ---- flagged stills
  const allFlagged = flaggedFrames(a);
  const flagged = allFlagged.slice(0, MAX_STILLS);
  if (flagged.length) {
    newPage();
    text(`Flagged frames (${flagged.length} of ${allFlagged.length})`, 13, { bold: true });
    const ctx: StillContext = { clip: input.clip, frames: input.frames, analysis: a, patientLabel: input.patientLabel, date: input.date };
    const cellW = (W - 2 * M - 12) / 3;
    let x = M;
    let rowH = 0;
    for (const fr of flagged) {
      const bmp = await input.getFrame(fr, 720);
      if (!bmp) continue;
      const c = document.createElement('canvas');
      drawStill(c, bmp, fr, ctx);
      bmp.close();
      const ih = (c.height / c.width) * cellW;
      if (x + cellW > W - M + 1) {
        x = M;
        y += rowH + 26;
        rowH = 0;
      }
      if (!fits(ih + 24)) {
        newPage();
        x = M;
      }
      doc.addImage(c.toDataURL('image/jpeg', 0.85), 'JPEG', x, y, cellW, ih);
      doc.setFont('helvetica', 'normal');
      doc.setFontSize(8);
      doc.setTextColor(29, 35, 48);
      doc.text(latin1(`frame ${fr}: ${frameLabel(a, fr)}`), x, y + ih + 10, { maxWidth: cellW });
      x += cellW + 6;
      rowH = Math.max(rowH, ih);
    }
    y += rowH + 26;
  }

  // ---- methods and caveats
  room(120);
  text('Methods and caveats', 11, { bold: true });
  text(
    'Pose keypoints were estimated on every frame by BlazePose on this device; nothing was uploaded. Initial contacts and toe-offs come from the ' +
      'foot keypoints relative to the pelvis (Zeni et al. 2008) refined by the heel and toe trajectories (after Handsaker et al. 2016); angles ' +
      'are read at those events and summarised as medians over the strides. Foot-strike bands after Altman & Davis 2012. Lumbar extension and ' +
      'pelvic tilt are estimates from hip, knee and shoulder keypoints, not measurements. All figures are 2-D estimates from one video, with ' +
      'the confidence shown; camera angle, clothing and frame rate affect them. This report supports a clinical assessment; it is not a diagnosis. ' +
      'Details: docs/METHODS.md of StrideScope.',
    9,
  );
  const pages = doc.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    doc.setPage(p);
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(8);
    doc.setTextColor(91, 100, 117);
    doc.text(latin1(`StrideScope - ${input.patientLabel || ''} - ${input.date} - page ${p} of ${pages} - 2-D estimate, not a diagnosis`), M, H - 20);
  }
  return doc.output('blob');
}
