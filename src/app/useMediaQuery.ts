import { useEffect, useState } from 'react';

/** Whether a CSS media query matches, following its changes (false where matchMedia does not exist). */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia(query);
    const on = () => setMatches(mq.matches);
    on();
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return matches;
}

/** A phone-sized screen (the report folds its measure cards to one line each). */
export const NARROW = '(max-width: 600px)';
/** A touch screen without a hovering pointer (touch wording instead of keyboard shortcuts). */
export const TOUCH = '(hover: none) and (pointer: coarse)';
