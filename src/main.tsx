import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/styles.css';
import { installBenchHook } from './app/benchHook';

if (new URLSearchParams(location.search).has('bench')) installBenchHook();

// offline use after one visit (built app only; the dev server reloads modules and must not be cached)
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js').catch(() => {
    /* no service worker (private mode, file://): the app still works online */
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
