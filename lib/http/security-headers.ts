// Security headers for every response. Pure so it can be unit-tested; proxy.ts applies it.

export interface CspOptions {
  nonce: string;
  /** Origins of the configured GitHub (web and API): avatars and the OAuth redirect. */
  githubOrigins: string[];
  development: boolean;
}

export function contentSecurityPolicy({ nonce, githubOrigins, development }: CspOptions): string {
  const origins = [...new Set(githubOrigins)].join(" ");
  const directives = [
    "default-src 'self'",
    // Only our own scripts, each carrying this response's nonce; 'strict-dynamic' lets them load chunks.
    // React's dev tooling needs eval; production never gets it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes are used by React for layout values; they cannot run code.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: https://avatars.githubusercontent.com ${origins}`.trim(),
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    `form-action 'self' ${origins}`.trim(),
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
  ];
  return directives.join("; ");
}

export function securityHeaders(csp: string, production: boolean): Record<string, string> {
  return {
    "content-security-policy": csp,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
    ...(production ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
