import { useRef, useState, type DragEvent } from 'react';
import { ACCEPTED_FILE_TYPES } from '../pipeline/protocol';
import { HiddenFileInput } from './HiddenFileInput';

export function DropZone({
  onFile,
  disabled,
  compact,
  inputTestId = 'file-input',
  title = 'Drop a side-view or back-view running clip here',
}: {
  onFile(f: File): void;
  disabled: boolean;
  compact: boolean;
  inputTestId?: string;
  title?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f && !disabled) onFile(f);
  };
  return (
    <section
      className={`dropzone${over ? ' over' : ''}${compact ? ' compact' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      aria-label="Choose a running video"
      data-testid="dropzone"
    >
      {!compact && (
        <>
          <p className="drop-title">{title}</p>
          <p className="drop-sub">MP4, MOV or WebM from a phone, portrait or landscape, 30–240 fps. The video never leaves this device.</p>
        </>
      )}
      <button type="button" className="primary" disabled={disabled} onClick={() => input.current?.click()}>
        {compact ? 'Analyse another clip…' : 'Choose a video…'}
      </button>
      <HiddenFileInput ref={input} accept={ACCEPTED_FILE_TYPES} testId={inputTestId} label="Video file" onFile={onFile} />
    </section>
  );
}
