import { useEffect, useState } from 'react';
import './guide.css';

/** public/sample/sample.json as scripts/make-sample.mjs writes it (the fields the page reads). */
export interface SampleInfo {
  name: string;
  /** The video's path under the app's base URL. */
  file: string;
  /** e.g. "treadmill runner, 6 s" */
  label: string;
  shows: string;
  attribution: string;
  licenceText: string;
}

function isSampleInfo(j: unknown): j is SampleInfo {
  const o = j as Partial<SampleInfo> | null;
  return !!o && typeof o.name === 'string' && typeof o.file === 'string' && typeof o.label === 'string' && typeof o.attribution === 'string';
}

const BASE = import.meta.env.BASE_URL;

/**
 * "Try a sample clip": a short real clip made at install time (scripts/make-sample.mjs), analysed exactly like a
 * dropped file. Shown only when the app serves sample.json (a checkout without ../shared has no sample).
 */
export function SampleClipButton({ onFile, disabled }: { onFile(file: File): void; disabled?: boolean }) {
  const [info, setInfo] = useState<SampleInfo | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetch(`${BASE}sample/sample.json`)
      .then((r) => (r.ok && (r.headers.get('content-type') ?? '').includes('json') ? r.json() : null))
      .then((j: unknown) => {
        if (live && isSampleInfo(j)) setInfo(j);
      })
      .catch(() => {
        /* no sample served (or offline before it was cached): no button */
      });
    return () => {
      live = false;
    };
  }, []);
  if (!info) return null;

  const load = async () => {
    setProblem(null);
    setLoading(true);
    try {
      const r = await fetch(`${BASE}${info.file}`);
      if (!r.ok) throw new Error(`the server answered ${r.status}`);
      const blob = await r.blob();
      if (blob.size === 0) throw new Error('the file is empty');
      onFile(new File([blob], info.name, { type: 'video/mp4' }));
    } catch (e) {
      setProblem(`The sample clip could not be loaded (${(e as Error).message}). Check the connection and try again, or choose a video of your own.`);
    } finally {
      setLoading(false);
    }
  };
  return (
    <section className="sample-clip" aria-label="Sample clip" data-testid="sample-clip">
      <div className="sample-row">
        <button type="button" onClick={() => void load()} disabled={disabled || loading} data-testid="sample-button" title={info.shows}>
          {loading ? 'Loading the sample…' : `Try a sample clip (${info.label})`}
        </button>
        <span className="sample-why">See a whole report before filming your own.</span>
      </div>
      <div className="sample-credit" data-testid="sample-attribution">
        {info.attribution}{' '}
        {info.licenceText && (
          <details className="sample-licence">
            <summary>Licence</summary>
            <pre>{info.licenceText}</pre>
          </details>
        )}
      </div>
      {problem && (
        <p className="banner error" role="alert" data-testid="sample-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
