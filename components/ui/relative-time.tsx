/** "12 min ago", with the exact UTC time on hover and in the markup. Rendered on the server per request. */
export function RelativeTime({ iso, now }: { iso: string; now: Date }) {
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC")} className="whitespace-nowrap">
      {relative(date, now)}
    </time>
  );
}

function relative(date: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (seconds < 0) return "just now";
  if (seconds < 45) return `${seconds}s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 14) return `${days} d ago`;
  return date.toISOString().slice(0, 10);
}
