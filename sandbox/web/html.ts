import { createHash } from "node:crypto";
import { html, type Reply } from "../http/reply";

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #f6f8fa; --card: #fff; --line: #d1d9e0; --accent: #0969da; --warn: #9a6700; --danger: #cf222e; }
@media (prefers-color-scheme: dark) { :root { --fg: #f0f6fc; --muted: #9198a1; --bg: #0d1117; --card: #151b23; --line: #3d444d; --accent: #4493f8; --warn: #d29922; --danger: #f85149; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 34rem; margin: 3rem auto; padding: 0 1rem; }
h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
p { margin: .25rem 0 1rem; color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; }
ul { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
button { font: inherit; color: inherit; }
.person { display: flex; width: 100%; align-items: center; gap: .75rem; text-align: left; padding: .5rem .75rem; background: var(--card); border: 1px solid var(--line); border-radius: 6px; cursor: pointer; }
.person:hover { border-color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.person img { width: 40px; height: 40px; border-radius: 50%; flex: none; }
.login { font-weight: 600; }
.name { color: var(--muted); }
.hint { display: block; font-size: 12px; color: var(--muted); }
.outsider .hint { color: var(--warn); }
.tag { font-size: 11px; border: 1px solid currentColor; border-radius: 999px; padding: 0 .4rem; margin-left: .25rem; color: var(--warn); }
.error { border: 1px solid var(--danger); color: var(--danger); border-radius: 6px; padding: .5rem .75rem; margin-bottom: 1rem; }
.secondary { margin-top: 1rem; background: none; border: 1px solid var(--line); border-radius: 6px; padding: .35rem .75rem; cursor: pointer; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dt { color: var(--muted); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
`;

// The CSP allows exactly this stylesheet by hash; pages need no script at all.
const STYLE_HASH = createHash("sha256").update(STYLE).digest("base64");

/**
 * A page of the sandbox's own web UI. The strict CSP deliberately has no form-action: the consent
 * form's answer redirects to the app on another origin, and Chromium applies form-action to that
 * redirect too.
 */
export function page(status: number, title: string, body: string): Reply {
  const document = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
  return html(status, document, {
    "content-security-policy": `default-src 'none'; img-src 'self'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; frame-ancestors 'none'`,
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
  });
}
