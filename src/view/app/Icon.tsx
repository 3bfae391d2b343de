/** A 16 x 16 single-path icon for buttons (decorative: the button carries the label). */
export function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true">
      <path d={d} />
    </svg>
  );
}
