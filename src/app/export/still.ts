/**
 * Annotated stills: one video frame at its full resolution with the skeleton, the angle arcs and lines, and a caption
 * (event, frame and time, clip, patient label and date, the 2-D caveat), as a PNG.
 */
import type { GaitAnalysis, PatternFlag } from '../../core/analysis';
import type { ClipInfo, PoseFrame } from '../../core/types';
import { drawSkeleton } from '../skeleton';
import { drawAngles } from '../report/overlay';

export interface StillContext {
  clip: ClipInfo;
  frames: readonly PoseFrame[];
  analysis: GaitAnalysis | null;
  patientLabel: string;
  /** yyyy-mm-dd of the session. */
  date: string;
}

const EVENT_WORDS = { IC: 'initial contact', TO: 'toe-off' } as const;
export const FOOT_LETTER = { left: 'L', right: 'R' } as const;
export const FLAG_WORDS: Record<PatternFlag['kind'], string> = {
  'heel-strike-straight-knee': 'heel strike on a nearly straight knee',
  'extension-at-toe-off': 'extension at toe-off',
};
/** The event each kind of flag is about. */
export const FLAG_EVENT: Record<PatternFlag['kind'], 'IC' | 'TO'> = { 'heel-strike-straight-knee': 'IC', 'extension-at-toe-off': 'TO' };

/**
 * What happens on `frame`, in a few words: each gait event with its own foot, and each flag with its own foot and
 * kind — beside the event it is about (same foot, its contact or toe-off), never beside another foot's event on the same
 * frame. E.g. "L initial contact, flagged: heel strike on a nearly straight knee · R toe-off".
 */
export function frameLabel(a: GaitAnalysis | null, frame: number): string {
  if (!a) return '';
  const flags = a.flags.filter((f) => f.frame === frame);
  const used = new Set<PatternFlag>();
  const events = a.events.filter((e) => e.frame === frame);
  const parts = events.map((e) => {
    const own = flags.filter((f) => !used.has(f) && f.foot === e.foot && FLAG_EVENT[f.kind] === e.type);
    for (const f of own) used.add(f);
    const words = `${FOOT_LETTER[e.foot]} ${EVENT_WORDS[e.type]}`;
    return { flagged: own.length > 0, text: own.length ? `${words}, flagged: ${own.map((f) => FLAG_WORDS[f.kind]).join(', ')}` : words };
  });
  // a flagged event first: it is what the frame is shown for
  parts.sort((p, q) => Number(q.flagged) - Number(p.flagged));
  const out = parts.map((p) => p.text);
  // a flag whose event is not on this frame (it should be): named with its own foot and kind
  for (const f of flags) if (!used.has(f)) out.push(`flagged: ${FOOT_LETTER[f.foot]} ${FLAG_WORDS[f.kind]}`);
  return out.join(' · ');
}

/** `s` made safe as part of a downloaded file's name (letters, digits, `.`, `-`, `_`); `fallback` when nothing is left. */
export function safeFileName(s: string, fallback = 'clip'): string {
  return s.replace(/[^\w.-]+/g, '_') || fallback;
}

/** The clip's file name without its extension, safe for the names of its exports. */
export function exportBaseName(clip: ClipInfo): string {
  return safeFileName(clip.fileName.replace(/\.[^.]+$/, ''));
}

/** The flagged frames, each once, in order. */
export function flaggedFrames(a: GaitAnalysis): number[] {
  return [...new Set(a.flags.map((f) => f.frame))].sort((p, q) => p - q);
}

export function stillFileName(ctx: StillContext, frame: number): string {
  return `${exportBaseName(ctx.clip)}-frame${String(frame).padStart(5, '0')}.png`;
}

/** Draws the annotated still of `frame` onto a canvas the size of `bmp` (the full-resolution frame); `caption: false`
 *  leaves the caption off (the PDF report captions its stills itself). */
export function drawStill(canvas: HTMLCanvasElement | OffscreenCanvas, bmp: ImageBitmap, frame: number, ctx: StillContext, options: { caption?: boolean } = {}): void {
  canvas.width = bmp.width;
  canvas.height = bmp.height;
  const g = canvas.getContext('2d') as CanvasRenderingContext2D;
  g.drawImage(bmp, 0, 0);
  const f = ctx.frames[frame];
  const scale = bmp.width / ctx.clip.displayWidth;
  const lw = Math.max(2, Math.max(bmp.width, bmp.height) / 260);
  if (f?.keypoints) {
    drawSkeleton(g, f.keypoints, scale, lw);
    drawAngles(g, f.keypoints, scale, lw, { skeleton: true, angles: true, lines: true }, ctx.analysis?.quality.groundTiltDeg ?? null);
  }
  // the PDF report prints its own caption under the still
  if (options.caption === false) return;
  const t0 = ctx.frames[0]?.timestampUs ?? 0;
  const t = f ? ((f.timestampUs - t0) / 1e6).toFixed(3) : '';
  const lines = [
    [frameLabel(ctx.analysis, frame), `frame ${frame} · ${t} s`].filter(Boolean).join(' · '),
    [ctx.clip.fileName, ctx.patientLabel, ctx.date].filter(Boolean).join(' · '),
    'StrideScope · 2-D estimate from video, not a diagnosis',
  ];
  const size = Math.max(14, Math.round(Math.min(bmp.width, bmp.height) / 36));
  const fontOf = (i: number) => `${i === 0 ? 700 : 500} ${i === 2 ? Math.round(size * 0.8) : size}px system-ui, sans-serif`;
  // wrap each caption line to the frame's width (portrait clips are narrow)
  const maxW = bmp.width - size;
  const wrapped: { text: string; style: number }[] = [];
  lines.forEach((l, i) => {
    g.font = fontOf(i);
    let cur = '';
    for (const word of l.split(' ')) {
      const next = cur ? `${cur} ${word}` : word;
      if (cur && g.measureText(next).width > maxW) {
        wrapped.push({ text: cur, style: i });
        cur = word;
      } else cur = next;
    }
    if (cur) wrapped.push({ text: cur, style: i });
  });
  const w = Math.max(
    ...wrapped.map((l) => {
      g.font = fontOf(l.style);
      return g.measureText(l.text).width;
    }),
  ) + size;
  const h = wrapped.length * size * 1.35 + size * 0.6;
  g.fillStyle = 'rgba(13,17,23,0.78)';
  g.fillRect(0, bmp.height - h, Math.min(bmp.width, w), h);
  g.fillStyle = '#ffffff';
  wrapped.forEach((l, i) => {
    g.font = fontOf(l.style);
    g.fillText(l.text, size / 2, bmp.height - h + size * 1.2 + i * size * 1.35);
  });
}

export async function stillPng(bmp: ImageBitmap, frame: number, ctx: StillContext): Promise<Blob> {
  const c = document.createElement('canvas');
  drawStill(c, bmp, frame, ctx);
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
