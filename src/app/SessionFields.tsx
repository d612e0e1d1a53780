/**
 * The session's patient label and date, as two inputs. The page shows them above the report and the save card shows
 * them again beside its button (so "enter a patient label" never points off screen); both edit the same page state.
 */
export function SessionFields({
  patientLabel,
  onPatientLabelChange,
  date,
  onDateChange,
  className = 'options session',
  testIds = { label: 'patient-label', date: 'session-date' },
}: {
  patientLabel: string;
  onPatientLabelChange(label: string): void;
  date: string;
  onDateChange(date: string): void;
  className?: string;
  testIds?: { label: string; date: string };
}) {
  return (
    <div className={className} aria-label="Session">
      <label>
        Patient label{' '}
        <input type="text" value={patientLabel} onChange={(e) => onPatientLabelChange(e.target.value)} placeholder="e.g. initials or record number" data-testid={testIds.label} />
      </label>
      <label>
        Date <input type="date" value={date} onChange={(e) => onDateChange(e.target.value)} data-testid={testIds.date} />
      </label>
    </div>
  );
}
