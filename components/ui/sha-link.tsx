import { CopyButton } from "./copy-button";

/** A git SHA: 7 monospace characters linked to the commit, with a copy button for the full SHA. */
export function ShaLink({ sha, url, copy = true }: { sha: string; url: string | null; copy?: boolean }) {
  const short = sha.slice(0, 7);
  return (
    <span className="inline-flex items-center gap-0.5 align-middle">
      {url ? (
        <a href={url} className="font-mono text-sky-700 underline-offset-2 hover:underline dark:text-sky-400" title={sha} data-sha={sha}>
          {short}
        </a>
      ) : (
        <span className="font-mono" title={sha} data-sha={sha}>
          {short}
        </span>
      )}
      {copy ? <CopyButton value={sha} label={`Copy SHA ${short}`} /> : null}
    </span>
  );
}
