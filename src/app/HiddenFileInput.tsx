import type { Ref } from 'react';

/** A hidden file input (opened by a button's click): hands over the first file chosen, then forgets it, so choosing
 *  the same file again still counts. */
export function HiddenFileInput({ ref, accept, testId, label, onFile }: { ref: Ref<HTMLInputElement>; accept?: string; testId: string; label?: string; onFile(f: File): void }) {
  return (
    <input
      ref={ref}
      type="file"
      accept={accept}
      hidden
      data-testid={testId}
      aria-label={label}
      onChange={(e) => {
        const f = e.target.files?.[0];
        e.target.value = '';
        if (f) onFile(f);
      }}
    />
  );
}
