/**
 * Layout helpers of the PDF report (pure, no jsPDF): Latin-1 folding, word wrapping against a width function, column
 * widths of a table that fills the text width, the footer line, and round axis ticks for the charts.
 */

/** Characters of Windows-1252 outside Latin-1 that jsPDF's standard fonts print (WinAnsiEncoding). */
const WIN_ANSI_EXTRA = '\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u20ac\u2122\u0152\u0153';

/**
 * Folds text to what the standard PDF fonts can show (Latin-1 and the few Windows-1252 extras: dashes, curly quotes,
 * the ellipsis, the bullet): "≥ 25°" becomes "25° or more", "≤ 15°" "15° or less", an arrow "to", a minus sign (or a
 * hyphen before a number: "< -1.6°") an en dash; anything else outside the fonts becomes "?". Line breaks are kept (the
 * wrapping keeps them).
 */
export function latin1(s: string): string {
  const keep = new RegExp(`[^\\n\\x20-\\x7e\\xa0-\\xff${WIN_ANSI_EXTRA}]`, 'gu');
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/≥\s*([-−–]?\d+(?:\.\d+)?\s*(?:°|%|ms)?)/g, '$1 or more')
    .replace(/≤\s*([-−–]?\d+(?:\.\d+)?\s*(?:°|%|ms)?)/g, '$1 or less')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/\s*→\s*/g, ' to ')
    .replace(/−/g, '\u2013')
    .replace(/(^|[\s(<>=/])-(?=\d)/g, '$1\u2013')
    .replace(/‑/g, '-')
    .replace(/[▼▲●◐○✎]/g, '')
    .replace(keep, '?');
}

/**
 * `text` broken into lines no wider than `width` (as `widthOf` measures them): at spaces, keeping the text's own line
 * breaks (an empty line stays empty), and a word wider than the line cut where it must. Joined with spaces, the lines
 * of one paragraph give the paragraph back (single spaces).
 */
export function wrapText(text: string, width: number, widthOf: (s: string) => number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    const words = para.split(/ +/).filter((w) => w.length > 0);
    if (words.length === 0) {
      out.push('');
      continue;
    }
    let cur = '';
    for (const word of words) {
      const next = cur ? `${cur} ${word}` : word;
      if (widthOf(next) <= width) {
        cur = next;
        continue;
      }
      if (cur) out.push(cur);
      cur = '';
      // a word too long for a line on its own: cut it
      let rest = word;
      while (widthOf(rest) > width && rest.length > 1) {
        let k = rest.length - 1;
        while (k > 1 && widthOf(rest.slice(0, k)) > width) k--;
        out.push(rest.slice(0, k));
        rest = rest.slice(k);
      }
      cur = rest;
    }
    out.push(cur);
  }
  return out;
}

export interface ColumnSpec {
  /** Narrowest the column may be (points). */
  min: number;
  /** Share of the width left over once every column has its minimum. */
  weight: number;
}

/** Column widths that fill `total` exactly: every column its minimum, the rest shared by weight. When the minimums
 *  alone do not fit, every column shrinks in proportion. */
export function columnWidths(total: number, cols: readonly ColumnSpec[]): number[] {
  const minSum = cols.reduce((s, c) => s + c.min, 0);
  if (minSum >= total) return cols.map((c) => (c.min * total) / Math.max(1e-9, minSum));
  const wSum = cols.reduce((s, c) => s + c.weight, 0);
  const left = total - minSum;
  return cols.map((c) => c.min + (wSum > 0 ? (left * c.weight) / wSum : left / cols.length));
}

/** The x of each column's left edge, from `x0`, with `gap` between columns. */
export function columnStarts(x0: number, widths: readonly number[], gap: number): number[] {
  const out: number[] = [];
  let x = x0;
  for (const w of widths) {
    out.push(x);
    x += w + gap;
  }
  return out;
}

/** The footer of page `p` of `n`: "StrideScope gait report · PT-0042 · session 2026-12-07 · page 2 of 5". */
export function footerLine(patientLabel: string, date: string, p: number, n: number): string {
  const label = patientLabel.trim() || 'no label';
  const session = date.trim() ? `session ${date.trim()}` : 'session date not given';
  return `StrideScope gait report \u00b7 ${label} \u00b7 ${session} \u00b7 page ${p} of ${n}`;
}

/** About `count` round tick values covering [lo, hi] (steps of 1, 2 or 5 × a power of ten, the nearest to
 *  (hi − lo) / count), inside the range. */
export function niceTicks(lo: number, hi: number, count = 4): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return Number.isFinite(lo) ? [lo] : [];
  const raw = (hi - lo) / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const e = raw / p;
  const step = (e >= Math.sqrt(50) ? 10 : e >= Math.sqrt(10) ? 5 : e >= Math.sqrt(2) ? 2 : 1) * p;
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/** An sRGB colour (#rrggbb) at `alpha` over white, as 0–255 components (PDF drawing without transparency). */
export function overWhite(hex: string, alpha: number): [number, number, number] {
  const [r, g, b] = rgb(hex);
  const a = Math.max(0, Math.min(1, alpha));
  return [r, g, b].map((c) => Math.round(255 - a * (255 - c))) as [number, number, number];
}

export function rgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}
