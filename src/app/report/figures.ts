/**
 * The figures the README quotes from the report of one clip, formatted exactly as the report shows them (pure). The
 * README's block between `<!-- report-figures ... -->` and `<!-- /report-figures -->` is written by
 * `npm run screenshots` from the same run as the screenshots, and a browser test (report.spec.ts) fails when the code
 * gives other figures on that clip — so a README figure never drifts from what the app shows.
 */
import type { GaitAnalysis } from '../../core/analysis';
import { LEVEL_WORDS } from './certainty';
import { overviewOf } from './findingsModel';
import { measureCards } from './summaryModel';

export interface Figure {
  label: string;
  value: string;
}

const CARDS = ['cadence', 'contact', 'flight', 'knee-ic', 'foot-angle', 'thigh-to', 'trunk-thigh-to', 'trunk-to'];

export function reportFigures(a: GaitAnalysis): Figure[] {
  const o = overviewOf(a);
  const out: Figure[] = [{ label: 'verdict', value: o.verdict }];
  for (const f of o.findings) out.push({ label: f.title, value: `${f.sentence.replace(/\.$/, '')} (how sure: ${LEVEL_WORDS[f.sure.level].toLowerCase()})` });
  for (const c of measureCards(a).filter((x) => CARDS.includes(x.id))) {
    const m = c.measure;
    const unit = m.unit === 'deg' ? '°' : ` ${m.unit}`;
    out.push({
      label: `${c.label} ${c.event}`,
      value: m.value === null ? `not measured: ${m.reason}` : `${m.value.toFixed(c.digits)}${unit}${c.caveat ? ' (unreliable)' : ''}, ${m.n} ${c.counts}, how sure: ${LEVEL_WORDS[c.sure.level].toLowerCase()}`,
    });
  }
  return out;
}

export const FIGURES_START = /<!-- report-figures: ([^ ]+) .*?-->/;
export const FIGURES_END = '<!-- /report-figures -->';

/** The README block for `clip`: a two-column Markdown table between the markers. */
export function figuresBlock(clip: string, figures: Figure[], note: string): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `<!-- report-figures: ${clip} (written by npm run screenshots; tests/browser/report.spec.ts checks them against the code) -->`,
    note,
    '',
    '| figure | on this clip |',
    '| --- | --- |',
    ...figures.map((f) => `| ${esc(f.label)} | ${esc(f.value)} |`),
    FIGURES_END,
  ].join('\n');
}

/** The figures quoted in a README block (label → value), and the clip they are of; null when there is no block. */
export function parseFiguresBlock(markdown: string): { clip: string; figures: Figure[] } | null {
  const m = FIGURES_START.exec(markdown);
  if (!m) return null;
  const end = markdown.indexOf(FIGURES_END, m.index);
  if (end < 0) return null;
  const rows = markdown
    .slice(m.index, end)
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| figure') && !l.startsWith('| ---'));
  const unesc = (s: string) => s.replace(/\\\|/g, '|').trim();
  const figures = rows.map((l) => {
    const cells = l.slice(2, -2).split(/(?<!\\)\|/);
    return { label: unesc(cells[0]), value: unesc(cells.slice(1).join('|')) };
  });
  return { clip: m[1], figures };
}
