export function chromiumPath(): string;
export const CHROMIUM_ARGS: string[];
export function freshUserDataDir(): string;
export function launchOptions(extra?: Record<string, unknown>): Record<string, unknown>;
