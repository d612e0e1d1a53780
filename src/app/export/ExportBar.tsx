import { useState } from 'react';
import type { GaitAnalysis } from '../../core/analysis';
import type { AnalyzeResult, ClipInfo, PoseFrame } from '../../core/types';
import { keypointsCsv, resultJson, stridesCsv } from './data';
import { download, exportBaseName, flaggedFrames, stillFileName, stillPng, type StillContext } from './still';
import { zip } from './zip';
import { buildPdfReport, type Paper } from './pdfReport';
import { labelsFileName, labelsJson } from './labels';

/** Exports of one analysed clip: annotated stills (this frame, or every flagged frame as a ZIP), CSV and JSON data. */
export function ExportBar({
  clip,
  frames,
  analysis,
  result,
  frame,
  getFrame,
  patientLabel,
  date,
  notes = '',
}: {
  clip: ClipInfo;
  frames: readonly PoseFrame[];
  analysis: GaitAnalysis;
  result: AnalyzeResult | null;
  frame: number;
  getFrame(i: number, side: number): Promise<ImageBitmap | null>;
  patientLabel: string;
  date: string;
  /** The clinician's notes (printed on the PDF report). */
  notes?: string;
}) {
  const [paper, setPaper] = useState<Paper>(() => (/^en-(US|CA)|^es-MX/.test(navigator.language) ? 'letter' : 'a4'));
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const ctx: StillContext = { clip, frames, analysis, patientLabel, date };
  const fullSide = Math.max(clip.displayWidth, clip.displayHeight);
  const base = exportBaseName(clip);
  const still = async (i: number) => {
    const bmp = await getFrame(i, fullSide);
    if (!bmp) throw new Error(`frame ${i} could not be decoded again`);
    try {
      return await stillPng(bmp, i, ctx);
    } finally {
      bmp.close();
    }
  };
  const run = async (what: string, job: () => Promise<void>) => {
    setBusy(what);
    setProblem(null);
    try {
      await job();
    } catch (e) {
      setProblem(`${what} failed: ${(e as Error).message}`);
    } finally {
      setBusy(null);
    }
  };
  const flagged = flaggedFrames(analysis);
  return (
    <section className="card export-bar" aria-label="Export" data-testid="export-bar">
      <h2>Export</h2>
      <div className="export-buttons">
        <button type="button" disabled={!!busy} onClick={() => void run('Still', async () => download(await still(frame), stillFileName(ctx, frame)))} data-testid="export-still">
          This frame as PNG
        </button>
        <button
          type="button"
          disabled={!!busy || flagged.length === 0}
          onClick={() =>
            void run('Flagged frames', async () => {
              const entries = [];
              for (const i of flagged) {
                setBusy(`Flagged frames ${entries.length + 1} / ${flagged.length}`);
                entries.push({ name: stillFileName(ctx, i), data: new Uint8Array(await (await still(i)).arrayBuffer()) });
              }
              download(new Blob([zip(entries)], { type: 'application/zip' }), `${base}-flagged-frames.zip`);
            })
          }
          data-testid="export-zip"
        >
          All flagged frames (ZIP, {flagged.length})
        </button>
        <span className="pdf-group">
          <button
            type="button"
            disabled={!!busy}
            onClick={() =>
              void run('Report', async () => {
                const blob = await buildPdfReport({ clip, frames, analysis, patientLabel, date, notes, getFrame, paper });
                download(blob, `${base}-report-${paper}.pdf`);
              })
            }
            data-testid="export-pdf"
          >
            Report (PDF)
          </button>
          <select value={paper} onChange={(e) => setPaper(e.target.value as Paper)} aria-label="Paper size" data-testid="pdf-paper">
            <option value="a4">A4</option>
            <option value="letter">Letter</option>
          </select>
          <button type="button" onClick={() => window.print()} data-testid="print">
            Print
          </button>
        </span>
        <button type="button" onClick={() => download(new Blob([keypointsCsv(frames)], { type: 'text/csv' }), `${base}-keypoints.csv`)} data-testid="export-keypoints">
          Keypoints (CSV)
        </button>
        <button type="button" onClick={() => download(new Blob([stridesCsv(analysis)], { type: 'text/csv' }), `${base}-strides.csv`)} data-testid="export-strides">
          Strides (CSV)
        </button>
        <button type="button" disabled={!result} onClick={() => result && download(new Blob([resultJson(result)], { type: 'application/json' }), `${base}-analysis.json`)} data-testid="export-json">
          Analysis (JSON)
        </button>
        <button
          type="button"
          disabled={analysis.events.length === 0}
          onClick={() => download(new Blob([labelsJson(analysis, clip)], { type: 'application/json' }), labelsFileName(clip))}
          data-testid="export-labels"
          title="The contacts and toe-offs in the format of StrideScope's hand labels"
        >
          Labels (JSON){analysis.eventsCorrected ? ', corrected' : ''}
        </button>
      </div>
      {(analysis.eventsCorrected || analysis.timeScale) && (
        <p className="note-muted" data-testid="export-corrected-note">
          Every export is of the analysis as shown
          {analysis.eventsCorrected ? ': events corrected by hand (the JSON keeps the detected ones too; the strides CSV says so on every row)' : ''}
          {analysis.timeScale ? `${analysis.eventsCorrected ? ';' : ':'} times in real time (filmed at ${analysis.timeScale.captureFps} fps)` : ''}.
        </p>
      )}
      {busy && (
        <p className="note" role="status">
          {busy}…
        </p>
      )}
      {problem && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
