import type { BrowserContext, Page } from 'playwright-core';
export interface InPageOutcome {
  phase: 'done' | 'error' | 'cancelled' | 'running' | 'idle';
  result: import('../../src/core/types').AnalyzeResult | null;
  error: import('../../src/pipeline/protocol').PipelineErrorInfo | null;
  summary: import('../../src/pipeline/protocol').RunSummary | null;
  /** Frames in the page's result (also when the result itself was not fetched). */
  frameCount: number;
  wallMs: number;
}
export function openBrowser(): Promise<{ context: BrowserContext; dir: string }>;
export function openApp(context: BrowserContext, url: string): Promise<Page>;
export function analyzeInPage(
  page: Page,
  clipPath: string,
  options?: { model?: string; view?: string; captureFps?: number | null; timeoutMs?: number; onProgress?: (pct: number) => void; wholeLongClips?: boolean; fetchResult?: boolean },
): Promise<InPageOutcome>;
