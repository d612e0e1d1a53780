import type { Plugin } from 'vite';
export const PRECACHED_MODELS: string[];
export function serviceWorkerPlugin(): Plugin;
