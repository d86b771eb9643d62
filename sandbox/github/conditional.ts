import { createHash } from "node:crypto";

/** A weak validator over the exact response bytes, in GitHub's W/"…" form. */
export function weakEtag(body: string | Buffer): string {
  return `W/"${createHash("sha256").update(body).digest("hex")}"`;
}

/**
 * If-None-Match uses weak comparison (RFC 9110 §13.1.2): W/"x" and "x" match. Clients may send a
 * list, or `*`.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => candidate.trim() === "*" || opaque(candidate) === opaque(etag));
}
