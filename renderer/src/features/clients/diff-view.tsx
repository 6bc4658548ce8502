// A unified diff as the user reads it: the hunks only (the file name is said above it), added and removed
// lines marked by colour and by their + and - (so the colour is never the only sign).
export function DiffView({ diff }: { diff: string }) {
  const lines = diff.split('\n');
  const start = lines.findIndex((l) => l.startsWith('@@'));
  const shown = (start < 0 ? lines : lines.slice(start)).filter((l) => !l.startsWith('\\ No newline'));
  return (
    // Focusable so the keyboard can scroll a long diff.
    <pre className="code-block diff" tabIndex={0}>
      {shown.map((line, i) => (
        <span key={i} className={lineClass(line)}>
          {line}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

function lineClass(line: string): string | undefined {
  if (line.startsWith('@@')) return 'diff-hunk';
  if (line.startsWith('+')) return 'diff-add';
  if (line.startsWith('-')) return 'diff-del';
  return undefined;
}
