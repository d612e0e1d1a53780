import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * The width (CSS px) of the element the returned ref is attached to, never below `min`, kept up to date by a
 * ResizeObserver; `initial` until the element is measured.
 */
export function useElementWidth<T extends HTMLElement>(initial: number, min: number): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(min, el.clientWidth)));
    ro.observe(el);
    setWidth(Math.max(min, el.clientWidth));
    return () => ro.disconnect();
  }, [min]);
  return [ref, width];
}
