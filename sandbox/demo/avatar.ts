import { createHash } from "node:crypto";

/**
 * A square avatar with initials on a colour derived from the login, so every person is
 * recognisable at a glance and the sandbox needs no image files or network access.
 */
export function avatarSvg(login: string, displayName: string): string {
  const hue = createHash("sha256").update(login.toLowerCase()).digest().readUInt16BE(0) % 360;
  // 38% lightness keeps white initials above 4.5:1 contrast for every hue.
  const background = `hsl(${hue} 55% 38%)`;
  const text = initials(displayName || login);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96" role="img" aria-label="${escapeXml(login)}">`,
    `<rect width="96" height="96" fill="${background}"/>`,
    `<text x="48" y="49" dominant-baseline="central" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="38" font-weight="600" fill="#fff">${escapeXml(text)}</text>`,
    `</svg>`,
  ].join("");
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = Array.from(words[0] ?? "?");
  const last = words.length >= 2 ? Array.from(words[words.length - 1] ?? "") : [];
  // "Ada Okafor" → AO; a single word ("skyward") → SK.
  const letters = last.length > 0 ? [first[0], last[0]] : first.slice(0, 2);
  return letters.join("").toUpperCase();
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
